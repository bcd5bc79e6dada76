package io.imagefusion.storage;

/** An object-store access that failed; the message names the object, never credentials. */
public final class StorageException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The bucket is not on the allow-list. */
        BUCKET_NOT_ALLOWED,
        /** The key breaks the key rules. */
        INVALID_KEY,
        /** A write to a bucket that is not an output bucket (e.g. the input bucket). */
        OUTPUT_NOT_ALLOWED,
        /** A write to a key that holds an object its writer did not put there. */
        OCCUPIED,
        /** No such bucket or object. */
        NOT_FOUND,
        /** The object is larger than the configured maximum. */
        TOO_LARGE,
        /** The store could not be reached, answered with a server error, or refused our credentials. */
        UNAVAILABLE
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
