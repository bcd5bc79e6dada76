package io.imagefusion.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthStartupCheckTest {

    @Test
    void aKeyAndAnIssuerAreEnough() {
        assertThat(AuthStartupCheck.problem(Optional.of("/etc/fusion/jwt-public.pem"), Optional.of("https://idp")))
                .isEmpty();
    }

    @Test
    void aMissingKeyOrIssuerIsNamedWithTheSettingThatSuppliesIt() {
        assertThat(AuthStartupCheck.problem(Optional.empty(), Optional.of("https://idp"))).get().asString()
                .contains("mp.jwt.verify.publickey.location").doesNotContain("mp.jwt.verify.issuer")
                .contains("fusion.auth.enabled=false");
        assertThat(AuthStartupCheck.problem(Optional.of(" "), Optional.empty())).get().asString()
                .contains("mp.jwt.verify.publickey.location").contains("mp.jwt.verify.issuer");
        assertThat(AuthStartupCheck.problem(Optional.of("/k.pem"), Optional.empty())).get().asString()
                .contains("mp.jwt.verify.issuer").doesNotContain("publickey");
    }
}
