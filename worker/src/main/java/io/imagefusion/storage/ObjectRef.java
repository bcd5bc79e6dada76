package io.imagefusion.storage;

/** A bucket and a key. */
public record ObjectRef(String bucket, String key) {

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
