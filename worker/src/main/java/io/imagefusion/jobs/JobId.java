package io.imagefusion.jobs;

import java.util.regex.Pattern;

/**
 * The job id rule of schema v1 ({@code jobId}), also applied to ids in URLs: an id that breaks it names no
 * job, and must be refused before it reaches the database (PostgreSQL rejects a NUL byte in a string, which
 * would otherwise surface as a database failure).
 */
public final class JobId {

    static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    private JobId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** @throws FusionFailure INVALID_REQUEST naming the parameter, when {@code id} breaks the rule */
    static void check(String parameter, String id) {
        if (!isValid(id)) {
            throw new FusionFailure(FailureCode.INVALID_REQUEST, parameter
                    + " must be 1 to 128 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
    }
}
