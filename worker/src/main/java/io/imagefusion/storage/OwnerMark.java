package io.imagefusion.storage;

import io.minio.StatObjectResponse;
import java.util.Map;

/**
 * The mark that says which job wrote an output: user metadata {@code x-amz-meta-fusion-job-id}. A job may
 * replace an object only when it carries the job's own mark, i.e. a redelivered job rewrites its own output.
 */
final class OwnerMark {

    static final String KEY = "fusion-job-id";

    private OwnerMark() {
    }

    static Map<String, String> metadata(String owner) {
        return Map.of(KEY, owner);
    }

    /** The owner recorded on an object, or null (an object the worker did not write). */
    static String of(StatObjectResponse stat) {
        // S3 metadata names are case-insensitive; servers and clients differ in the case they hand back
        for (Map.Entry<String, String> entry : stat.userMetadata()) {
            String name = entry.getKey();
            if (KEY.equalsIgnoreCase(name) || ("x-amz-meta-" + KEY).equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** An ETag as the If-Match header wants it: quoted (the client hands it back without quotes). */
    static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }
}
