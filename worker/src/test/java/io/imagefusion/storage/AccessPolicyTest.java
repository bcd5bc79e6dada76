package io.imagefusion.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(Set.of("fusion-inputs", "fusion-outputs"),
            Set.of("fusion-outputs"));

    @Test
    void ordinaryKeyInAllowedBucketPasses() {
        assertThatCode(() -> policy.check(new ObjectRef("fusion-inputs", "tno/IR1.png"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(new ObjectRef("fusion-outputs", "jobs/a.b-c_d/fused.png")))
                .doesNotThrowAnyException();
    }

    @Test
    void bucketOffTheListIsRefused() {
        assertThatThrownBy(() -> policy.check(new ObjectRef("secrets", "a.png")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                                .isEqualTo(StorageException.Kind.BUCKET_NOT_ALLOWED))
                .hasMessageContaining("'secrets'");
    }

    @Test
    void writesGoToOutputBucketsOnly() {
        assertThatCode(() -> policy.checkWrite(new ObjectRef("fusion-outputs", "jobs/j/fused.png")))
                .doesNotThrowAnyException();
        // readable, but a source bucket: an output there could replace a job's input
        assertThatThrownBy(() -> policy.checkWrite(new ObjectRef("fusion-inputs", "tno/IR1.png")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                                .isEqualTo(StorageException.Kind.OUTPUT_NOT_ALLOWED))
                .hasMessageContaining("fusion-inputs/tno/IR1.png");
        // the read rules apply to writes too
        assertThatThrownBy(() -> policy.checkWrite(new ObjectRef("secrets", "a.png")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                                .isEqualTo(StorageException.Kind.BUCKET_NOT_ALLOWED));
        assertThatThrownBy(() -> policy.checkWrite(new ObjectRef("fusion-outputs", "../a.png")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                                .isEqualTo(StorageException.Kind.INVALID_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "a/../b.png", "../b.png", "a/./b", "a//b", "a/b/", "a\\b",
            "a\u0000b", "line\nbreak"})
    void badKeysAreRefused(String key) {
        assertThatThrownBy(() -> policy.check(new ObjectRef("fusion-inputs", key)))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                                .isEqualTo(StorageException.Kind.INVALID_KEY));
    }

    @Test
    void overlongKeyIsRefused() {
        assertThatThrownBy(() -> policy.check(new ObjectRef("fusion-inputs", "k".repeat(1025))))
                .isInstanceOf(StorageException.class).hasMessageContaining("longer than 1024");
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        assertThatThrownBy(() -> policy.check(new ObjectRef("fusion-inputs", "evil\nFAKE LOG LINE")))
                .hasMessageContaining("evil\\u000aFAKE").hasMessageNotContaining("\n");
    }
}
