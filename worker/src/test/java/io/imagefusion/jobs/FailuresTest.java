package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import io.imagefusion.imaging.ImagingException;
import io.imagefusion.storage.StorageException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one classification table: each failure maps to one code, retryable only when a service was down. */
class FailuresTest {

    @ParameterizedTest
    @EnumSource(StorageException.Kind.class)
    void storageKinds(StorageException.Kind kind) {
        FusionFailure failure = Failures.classify(new StorageException(kind, "object fusion-inputs/a.png x"), "j");
        assertThat(failure.getMessage()).isEqualTo("job j: object fusion-inputs/a.png x");
        assertThat(failure.code().retryable()).isEqualTo(kind == StorageException.Kind.UNAVAILABLE);
    }

    @Test
    void missingObjectIsSourceNotFound() {
        assertThat(Failures.classify(new StorageException(StorageException.Kind.NOT_FOUND, "m"), "j").code())
                .isEqualTo(FailureCode.SOURCE_NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(ImagingException.Reason.class)
    void imagingReasonsArePermanent(ImagingException.Reason reason) {
        FusionFailure failure = Failures.classify(new ImagingException(reason, "infrared fusion-inputs/a.png"), "j");
        assertThat(failure.code().retryable()).isFalse();
        assertThat(failure.code().name()).contains(reason == ImagingException.Reason.UNDECODABLE ? "UNDECODABLE" : "IMAGE_TOO");
    }

    @Test
    void databaseTroubleIsRetryableWithoutLeakingDetails() {
        FusionFailure failure = Failures.classify(new PersistenceException("boom",
                new SQLTransientConnectionException("password=hunter2")), "j");
        assertThat(failure.code()).isEqualTo(FailureCode.DATABASE_UNAVAILABLE);
        assertThat(failure.code().retryable()).isTrue();
        assertThat(failure.getMessage()).doesNotContain("hunter2");
        assertThat(failure.getCause()).isNull();
    }

    @Test
    void onnxRuntimeErrorIsInferenceFailed() {
        assertThat(Failures.classify(new OrtException("bad"), "j").code()).isEqualTo(FailureCode.INFERENCE_FAILED);
    }

    @Test
    void anythingElseIsInternalAndPermanent() {
        FusionFailure failure = Failures.classify(new IllegalStateException("x"), "j");
        assertThat(failure.code()).isEqualTo(FailureCode.INTERNAL);
        assertThat(failure.code().retryable()).isFalse();
    }

    @Test
    void classifiedFailurePassesThrough() {
        FusionFailure original = new FusionFailure(FailureCode.SIZE_MISMATCH, "job j: sizes");
        assertThat(Failures.classify(original, "other")).isSameAs(original);
        assertThat(original.reason()).isEqualTo("SIZE_MISMATCH: job j: sizes");
    }

    @Test
    void onlyServiceOutagesAreRetryable() {
        assertThat(java.util.Arrays.stream(FailureCode.values()).filter(FailureCode::retryable))
                .containsExactlyInAnyOrder(FailureCode.STORAGE_UNAVAILABLE, FailureCode.DATABASE_UNAVAILABLE,
                        FailureCode.MESSAGING_UNAVAILABLE);
    }
}
