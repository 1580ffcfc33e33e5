package io.portico.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Real JWTs signed with real keys (Nimbus), for the security tests. */
final class TestTokens {

    /** The identity provider of the tests; its key pair and a second, unrelated one. */
    static final String IDP_ISSUER = "https://idp.test/realms/mesh";
    static final RSAKey IDP_KEY = generate("idp-key-1");
    static final RSAKey OTHER_KEY = generate("other-key");

    private TestTokens() {
    }

    static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a token valid for an hour from now, with the given issuer and subject. */
    static JWTClaimsSet.Builder valid(String issuer, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /** The claims of a token of the test identity provider for a sales publisher. */
    static JWTClaimsSet.Builder salesPublisher(String issuer) {
        return valid(issuer, "ci-sales")
                .claim("roles", List.of("publisher", "analyst"))
                .claim("groups", List.of("team-sales"))
                .claim("domains", List.of("sales"))
                .claim("region", "EU")
                .claim("purpose", "reporting")
                .claim("clearance", 3)
                .claim("address", Map.of("country", "DE"));
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    static String sign(RSAKey key, JWTClaimsSet.Builder claims) {
        return sign(key, claims.build());
    }

    /** An HS256 token whose secret is the (public) RSA modulus: the classic algorithm-confusion attack. */
    static String hmacSigned(RSAKey key, JWTClaimsSet claims) {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            byte[] secret = key.toRSAPublicKey().getEncoded();
            token.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    /** An unsigned token ({@code alg: none}). */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** Writes the public half of {@code key} as a PEM {@code PUBLIC KEY} file. */
    static Path writePublicKeyPem(RSAKey key, Path file) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toRSAPublicKey().getEncoded());
            Files.createDirectories(file.getParent());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
