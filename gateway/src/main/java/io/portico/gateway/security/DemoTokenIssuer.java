package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's own token issuer ({@code iss: portico-demo}), so the demo needs no identity provider. Its RSA key
 * pair is generated at the first start and kept in the demo data folder ({@code portico.demo.data-dir}), so tokens
 * it minted stay valid across restarts; delete the key file to invalidate them all.
 *
 * <p>Only for the demo: the gateway trusts this issuer only when {@code portico.demo.enabled=true}.
 */
public final class DemoTokenIssuer {

    /** The {@code iss} of demo tokens. */
    public static final String ISSUER = SecurityProperties.DEMO_ISSUER;
    /** The key file in the demo data folder: the RSA key pair as a JWK (private parts included). */
    public static final String KEY_FILE = "token-issuer.jwk.json";

    private final RSAKey key;
    private final Path keyFile;
    private final Clock clock;

    private DemoTokenIssuer(RSAKey key, Path keyFile, Clock clock) {
        this.key = key;
        this.keyFile = keyFile;
        this.clock = clock;
    }

    /**
     * The issuer whose key is in {@code dataDir}, creating the folder and a new key pair if there is none yet.
     *
     * @throws IllegalStateException when the key file exists but is not a usable RSA private JWK
     */
    public static DemoTokenIssuer openOrCreate(Path dataDir, Clock clock) {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(clock, "clock is null");
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(keyFile)) {
                create(dataDir, keyFile);
            }
            return new DemoTokenIssuer(read(keyFile), keyFile, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo token issuer's key " + keyFile.toAbsolutePath()
                    + " could not be read or created: " + e.getMessage(), e);
        }
    }

    /** The public key tokens of this issuer are verified with. */
    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the demo token issuer's key has no RSA public key", e);
        }
    }

    /** Where the key pair is kept. */
    public Path keyFile() {
        return keyFile;
    }

    /**
     * Mints a token for {@code request}, its claims named as the gateway reads them ({@code names}): a dotted
     * name becomes nested objects.
     */
    public MintedToken mint(DemoTokenRequest request, SecurityProperties.Claims names) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(request.lifetime());
        Map<String, Object> claims = new LinkedHashMap<>();
        request.claims().forEach((name, value) -> putAt(claims, name, value));
        putAt(claims, names.id(), request.subject());
        putAt(claims, names.roles(), new ArrayList<>(request.roles()));
        putAt(claims, names.groups(), new ArrayList<>(request.groups()));
        putAt(claims, names.domains(), new ArrayList<>(request.domains()));
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        return new MintedToken(sign(builder.build()), expiresAt);
    }

    /** Signs any claims with this issuer's key (RS256); tests use it to make tokens of every kind. */
    String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build();
        SignedJWT token = new SignedJWT(header, claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the demo token issuer could not sign a token: " + e.getMessage(), e);
        }
        return token.serialize();
    }

    /** A signed token and when it expires. */
    public record MintedToken(String token, Instant expiresAt) {

        public MintedToken {
            requireNonNull(token, "token is null");
            requireNonNull(expiresAt, "expiresAt is null");
        }
    }

    @SuppressWarnings("unchecked")
    private static void putAt(Map<String, Object> claims, String path, Object value) {
        String[] steps = path.split("\\.");
        Map<String, Object> current = claims;
        for (int step = 0; step < steps.length - 1; step++) {
            Object next = current.get(steps[step]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(steps[step], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(steps[steps.length - 1], value);
    }

    private static void create(Path dataDir, Path keyFile) throws IOException {
        Files.createDirectories(dataDir);
        RSAKey generated;
        try {
            generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("portico-demo-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the demo token issuer's RSA key: " + e.getMessage(), e);
        }
        // false: another gateway on the same folder created it first; that one is used.
        SecretFiles.create(keyFile, generated.toJSONString());
    }

    private static RSAKey read(Path keyFile) throws IOException {
        String text = SecretFiles.read(keyFile);
        try {
            RSAKey key = RSAKey.parse(text);
            if (!key.isPrivate()) {
                throw new IllegalStateException("the demo token issuer's key " + keyFile.toAbsolutePath()
                        + " holds no private key; delete it and restart to generate a new one (tokens minted"
                        + " with the old key stop working)");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("the demo token issuer's key " + keyFile.toAbsolutePath()
                    + " is not an RSA JWK (" + e.getMessage() + "); delete it and restart to generate a new one"
                    + " (tokens minted with the old key stop working)", e);
        }
    }
}
