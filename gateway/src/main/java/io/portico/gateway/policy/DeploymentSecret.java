package io.portico.gateway.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.portico.gateway.security.SecretFiles;
import io.portico.policies.mask.HashKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's secret and the keys derived from it (HMAC-SHA256 of a purpose label, so one secret serves
 * several purposes without one key revealing another): the key of the {@code hash} mask, the key that seals
 * paging cursors, the key of the hash that orders rows by a hidden key, and the key of the ports' credentials.
 * Replicas that share the secret hash alike, accept each other's cursors and present the same port credentials.
 *
 * <p>Where it comes from ({@link #resolve}): {@code portico.policies.secret}; else, in the demo, a file in the
 * demo's data directory (created on first start); else a random secret drawn at start, with a warning.
 */
public final class DeploymentSecret {

    /** The smallest secret accepted, in bytes. */
    public static final int MINIMUM_BYTES = 32;
    static final String DEMO_FILE = "deployment-secret";

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentSecret.class);

    private final byte[] secret;

    private DeploymentSecret(byte[] secret) {
        if (secret.length < MINIMUM_BYTES) {
            throw new IllegalArgumentException("portico.policies.secret must hold at least " + MINIMUM_BYTES
                    + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), got " + secret.length);
        }
        this.secret = secret.clone();
    }

    /** A secret from its base64 text. */
    public static DeploymentSecret fromBase64(String base64) {
        requireNonNull(base64, "base64 is null");
        try {
            return new DeploymentSecret(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("portico.")) {
                throw e;
            }
            throw new IllegalArgumentException("portico.policies.secret is not base64: " + e.getMessage(), e);
        }
    }

    /** A fresh random secret. */
    public static DeploymentSecret random() {
        byte[] bytes = new byte[MINIMUM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new DeploymentSecret(bytes);
    }

    /**
     * The configured secret, else (demo) the one kept in {@code demoDataDir}, else a random one.
     *
     * @param configured  {@code portico.policies.secret}, or null
     * @param demoDataDir the demo's data directory when the demo is enabled, else null
     */
    public static DeploymentSecret resolve(String configured, Path demoDataDir) {
        if (configured != null) {
            return fromBase64(configured);
        }
        if (demoDataDir != null) {
            return keptIn(demoDataDir.resolve(DEMO_FILE));
        }
        LOG.warn("portico.policies.secret is not set: hash masks, paging cursors and derived port credentials use a"
                + " secret drawn at start, so they change with every restart and differ between replicas; set it"
                + " (base64 of 32 random bytes)");
        return random();
    }

    /** The secret kept in {@code file} (owner-only), created with a random secret when there is none. */
    static DeploymentSecret keptIn(Path file) {
        try {
            if (!Files.exists(file)) {
                SecretFiles.create(file, Base64.getEncoder().encodeToString(random().secret) + "\n");
            }
            // Read back even when this process created it: another gateway on the same folder may have won.
            return fromBase64(SecretFiles.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo's deployment secret " + file, e);
        }
    }

    /** The key of the {@code hash} mask. */
    public HashKey hashKey() {
        return new HashKey(derive("portico/hash-mask"));
    }

    /** The 256-bit key that seals paging cursors. */
    public byte[] cursorKey() {
        return derive("portico/cursor-seal");
    }

    /**
     * The 256-bit key of the hash that orders rows whose primary key the caller may not see (sent to ports as a
     * bind value, so it is a key of its own: it reveals neither the cursor key nor the hash-mask key).
     */
    public byte[] keyOrderKey() {
        return derive("portico/key-order");
    }

    /** The key the domains' port credentials are derived from, unless {@code portico.ports.credentials.secret}. */
    public byte[] portCredentialKey() {
        return derive("portico/port-credentials");
    }

    private byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeploymentSecret that && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "DeploymentSecret[" + secret.length + " bytes]";
    }
}
