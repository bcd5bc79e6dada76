package io.imagefusion.storage;

/** Reads and writes whole objects. Implementations apply the {@link AccessPolicy} to every reference. */
public interface ObjectStore {

    /** The object's bytes; its size is checked against the limit before the body is read. */
    byte[] get(ObjectRef ref);

    /**
     * Writes an output owned by {@code owner} (a job id): only to an output bucket, and only onto a key that is
     * free or holds {@code owner}'s own earlier output.
     *
     * @throws StorageException {@link StorageException.Kind#OUTPUT_NOT_ALLOWED} outside the output buckets,
     *         {@link StorageException.Kind#OCCUPIED} when the key holds an object that {@code owner} did not write
     */
    void put(ObjectRef ref, byte[] bytes, String contentType, String owner);

    /** Throws {@link StorageException} with {@link StorageException.Kind#UNAVAILABLE} when the store is down. */
    void checkReachable();
}
