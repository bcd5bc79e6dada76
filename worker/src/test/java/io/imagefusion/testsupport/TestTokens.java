package io.imagefusion.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bearer tokens for the tests, signed with an RSA key pair made once per test JVM at run time (no key is ever
 * committed). The worker under test verifies them with {@link #quarkusConfig()} ({@link RealServicesResource}) or
 * {@link #workerSettings()} (the packaged worker). Plain JDK crypto: RS256 is one signature over two base64url
 * parts, and writing it out keeps every claim a test relies on in view.
 *
 * <p>Like {@link LocalServices}, the key pair must be the same in every class loader of the JVM (Quarkus loads
 * test classes anew when a test profile restarts the application), so the first use writes it to owner-only
 * temp files named by a system property, deleted when the JVM exits.
 */
public final class TestTokens {

    public static final String ISSUER = "https://fusion.test/issuer";
    public static final String SUBMIT = "fusion-submit";
    public static final String READ = "fusion-read";

    private static final String KEYS_PROPERTY = "fusion.test.jwt-key-dir";
    private static final Object JVM_WIDE_LOCK = "io.imagefusion.testsupport.TestTokens#lock";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** A token with both roles: what every test that submits or lists jobs sends. */
    public static String bearer() {
        return bearer(SUBMIT, READ);
    }

    /** A valid token of subject {@code test-client} holding {@code roles}, valid for an hour. */
    public static String bearer(String... roles) {
        return sign(claims(ISSUER, Instant.now().plus(Duration.ofHours(1)), roles), privateKey());
    }

    /** A token that is right in every way but expired five minutes ago (beyond SmallRye's 60 s of clock skew). */
    public static String expired(String... roles) {
        return sign(claims(ISSUER, Instant.now().minus(Duration.ofMinutes(5)), roles), privateKey());
    }

    /** A token of another issuer, signed with the right key. */
    public static String otherIssuer(String... roles) {
        return sign(claims("https://elsewhere.test", Instant.now().plus(Duration.ofHours(1)), roles), privateKey());
    }

    /** A well-formed token signed with a key the worker does not know. */
    public static String forged(String... roles) {
        return sign(claims(ISSUER, Instant.now().plus(Duration.ofHours(1)), roles), generate().getPrivate());
    }

    /** Configuration of a {@code @QuarkusTest}: the public key inline, and the issuer. */
    public static Map<String, String> quarkusConfig() {
        return Map.of("mp.jwt.verify.publickey", read(keyDir().resolve("public.pem")),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /** System properties of a packaged worker: the public key file, as a deployment mounts it, and the issuer. */
    public static Map<String, String> workerSettings() {
        return Map.of("mp.jwt.verify.publickey.location", keyDir().resolve("public.pem").toString(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    private static String claims(String issuer, Instant expires, String... roles) {
        Instant issued = expires.minus(Duration.ofHours(1));
        String groups = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return """
                {"iss":"%s","sub":"test-client","upn":"test-client","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}"""
                .formatted(issuer, groups, issued.getEpochSecond(), expires.getEpochSecond(), UUID.randomUUID());
    }

    private static String sign(String claims, PrivateKey key) {
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey() {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(read(keyDir().resolve("private.b64")));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }

    private static Path keyDir() {
        synchronized (JVM_WIDE_LOCK) {
            String existing = System.getProperty(KEYS_PROPERTY);
            if (existing != null) {
                return Path.of(existing);
            }
            try {
                Path dir = Files.createTempDirectory("fusion-test-jwt-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                KeyPair pair = generate();
                Path privateFile = Files.writeString(dir.resolve("private.b64"),
                        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                Path publicFile = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                // deleteOnExit runs in reverse order of registration: the files first, then their directory
                dir.toFile().deleteOnExit();
                privateFile.toFile().deleteOnExit();
                publicFile.toFile().deleteOnExit();
                System.setProperty(KEYS_PROPERTY, dir.toString());
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test key pair", e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
