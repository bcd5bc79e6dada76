package io.imagefusion.imaging;

/**
 * An image that this service cannot use. The fault is the caller's (the bytes or their size), never the
 * service's, so callers treat every reason as permanent.
 */
public final class ImagingException extends RuntimeException {

    /** Why the image was refused. */
    public enum Reason {
        /** Not an image in a supported format, or truncated / corrupt data. */
        UNDECODABLE,
        /** Larger than the configured pixel limit or the model's maximum side. */
        TOO_LARGE,
        /** Smaller than the model's minimum side. */
        TOO_SMALL
    }

    private final Reason reason;

    public ImagingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImagingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
