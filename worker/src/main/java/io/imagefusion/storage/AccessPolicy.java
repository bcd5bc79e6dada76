package io.imagefusion.storage;

import java.util.Set;

/**
 * Which objects the worker may touch: buckets on the allow-list, keys without path tricks; and, for writes,
 * only the output buckets, so that no request can point its output at a source object.
 * A key must be 1..{@value #MAX_KEY_LENGTH} characters, must not start with {@code /}, must not contain
 * control characters, backslashes, empty segments, or {@code .} / {@code ..} segments.
 */
public final class AccessPolicy {

    static final int MAX_KEY_LENGTH = 1024;

    private final Set<String> allowedBuckets;
    private final Set<String> outputBuckets;

    /** @param outputBuckets the buckets written to; each must also be on {@code allowedBuckets} to be usable */
    public AccessPolicy(Set<String> allowedBuckets, Set<String> outputBuckets) {
        this.allowedBuckets = Set.copyOf(allowedBuckets);
        this.outputBuckets = Set.copyOf(outputBuckets);
    }

    /** For a write: the rules of {@link #check}, and the bucket must be an output bucket. */
    public void checkWrite(ObjectRef ref) {
        check(ref);
        if (!outputBuckets.contains(ref.bucket())) {
            throw new StorageException(StorageException.Kind.OUTPUT_NOT_ALLOWED,
                    "output " + printable(ref.toString()) + " is refused: bucket " + printable(ref.bucket())
                            + " is not an output bucket (fusion.storage.output-buckets)");
        }
    }

    /** For a read: the bucket is on the allow-list and the key follows the key rules. */
    public void check(ObjectRef ref) {
        if (!allowedBuckets.contains(ref.bucket())) {
            throw new StorageException(StorageException.Kind.BUCKET_NOT_ALLOWED,
                    "bucket " + printable(ref.bucket()) + " is not on the allow-list");
        }
        String problem = keyProblem(ref.key());
        if (problem != null) {
            throw new StorageException(StorageException.Kind.INVALID_KEY,
                    "key " + printable(ref.key()) + " in bucket " + ref.bucket() + " " + problem);
        }
    }

    private static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "is empty";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "is longer than " + MAX_KEY_LENGTH + " characters";
        }
        if (key.startsWith("/")) {
            return "starts with /";
        }
        if (key.chars().anyMatch(c -> Character.isISOControl(c) || c == '\\')) {
            return "contains a control character or backslash";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "contains an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    /** Caller-supplied text for a message: control characters escaped and length capped, so logs stay one line. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return "'" + out + (text.length() > 200 ? "...'" : "'");
    }
}
