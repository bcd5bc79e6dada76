package io.imagefusion.jobs;

import ai.onnxruntime.OrtException;
import io.imagefusion.imaging.ImagingException;
import io.imagefusion.storage.StorageException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Decides the {@link FailureCode} of any exception raised while handling a job: the one classification table. */
public final class Failures {

    private Failures() {
    }

    public static FusionFailure classify(Throwable error, String jobId) {
        if (error instanceof FusionFailure failure) {
            return failure;
        }
        String prefix = "job " + jobId + ": ";
        if (error instanceof StorageException e) {
            return new FusionFailure(storageCode(e.kind()), prefix + e.getMessage());
        }
        if (error instanceof ImagingException e) {
            return new FusionFailure(imagingCode(e.reason()), prefix + e.getMessage());
        }
        if (error instanceof OrtException) {
            return new FusionFailure(FailureCode.INFERENCE_FAILED, prefix + "ONNX Runtime failed: " + error.getMessage());
        }
        if (isDatabase(error)) {
            return new FusionFailure(FailureCode.DATABASE_UNAVAILABLE,
                    prefix + "database unavailable (" + error.getClass().getSimpleName() + ")");
        }
        return new FusionFailure(FailureCode.INTERNAL, prefix + "internal error " + error.getClass().getName());
    }

    static FailureCode storageCode(StorageException.Kind kind) {
        return switch (kind) {
            case BUCKET_NOT_ALLOWED -> FailureCode.BUCKET_NOT_ALLOWED;
            case INVALID_KEY -> FailureCode.INVALID_KEY;
            case OUTPUT_NOT_ALLOWED -> FailureCode.OUTPUT_NOT_ALLOWED;
            case OCCUPIED -> FailureCode.OUTPUT_EXISTS;
            case NOT_FOUND -> FailureCode.SOURCE_NOT_FOUND;
            case TOO_LARGE -> FailureCode.IMAGE_TOO_LARGE;
            case UNAVAILABLE -> FailureCode.STORAGE_UNAVAILABLE;
        };
    }

    static FailureCode imagingCode(ImagingException.Reason reason) {
        return switch (reason) {
            case UNDECODABLE -> FailureCode.UNDECODABLE_IMAGE;
            case TOO_LARGE -> FailureCode.IMAGE_TOO_LARGE;
            case TOO_SMALL -> FailureCode.IMAGE_TOO_SMALL;
        };
    }

    private static boolean isDatabase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }
}
