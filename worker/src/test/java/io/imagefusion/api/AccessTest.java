package io.imagefusion.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.HttpMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which role each operation needs under each setting, and that no operation is left unguarded. */
class AccessTest {

    @Test
    void byDefaultSubmittingNeedsTheSubmitRoleAndReadingTheReadRole() {
        AuthConfig config = config(true, false);
        assertThat(Access.SUBMIT.requiredRole(config)).contains("fusion-submit");
        assertThat(Access.LIST.requiredRole(config)).contains("fusion-read");
        assertThat(Access.READ_ONE.requiredRole(config)).contains("fusion-read");
    }

    @Test
    void openJobReadsOpensOnlyTheReadOfOneJob() {
        AuthConfig config = config(true, true);
        assertThat(Access.READ_ONE.requiredRole(config)).isEmpty();
        assertThat(Access.LIST.requiredRole(config)).contains("fusion-read");
        assertThat(Access.SUBMIT.requiredRole(config)).contains("fusion-submit");
    }

    @Test
    void disabledAuthOpensEverything() {
        AuthConfig config = config(false, false);
        assertThat(Arrays.stream(Access.values()).map(a -> a.requiredRole(config))).allMatch(Optional::isEmpty);
    }

    @Test
    void everyResourceMethodIsGuarded() {
        List<String> unguarded = Arrays.stream(JobResource.class.getDeclaredMethods())
                .filter(AccessTest::isResourceMethod)
                .filter(m -> !m.isAnnotationPresent(Guarded.class))
                .map(Method::getName).toList();
        assertThat(Arrays.stream(JobResource.class.getDeclaredMethods()).filter(AccessTest::isResourceMethod)).hasSize(3);
        assertThat(unguarded).isEmpty();
    }

    private static boolean isResourceMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static AuthConfig config(boolean enabled, boolean openJobReads) {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public boolean openJobReads() {
                return openJobReads;
            }

            @Override
            public String submitRole() {
                return "fusion-submit";
            }

            @Override
            public String readRole() {
                return "fusion-read";
            }
        };
    }
}
