package io.imagefusion.storage;

/** Reads and writes whole objects. Implementations apply the {@link AccessPolicy} to every reference. */
public interface ObjectStore {

    /** The object's bytes; its size is checked against the limit before the body is read. */
    byte[] get(ObjectRef ref);

    void put(ObjectRef ref, byte[] bytes, String contentType);

    /** Throws {@link StorageException} with {@link StorageException.Kind#UNAVAILABLE} when the store is down. */
    void checkReachable();
}
