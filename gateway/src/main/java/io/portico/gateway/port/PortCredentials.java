package io.portico.gateway.port;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.AcceptedCredentials;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The port credential the gateway presents to the ports of each domain, one per domain: a port accepts only its own
 * domain's, so a domain team holding its port's credential can read its own ports directly and no other domain's.
 *
 * <p>A domain's credential is the one configured for it ({@code portico.ports.credentials.domains.<domain>}), else
 * derived from the gateway's key: {@code base64url(HMAC-SHA256(key, "portico-port:v<generation>:" + domain))}
 * without padding (43 characters). The key is {@code portico.ports.credentials.secret}, else derived from the
 * deployment secret, so every replica presents the same credentials. Raising the generation rotates every derived
 * credential at once ({@link #next}).
 */
public final class PortCredentials {

    /** The smallest key accepted, in bytes. */
    public static final int MINIMUM_KEY_BYTES = 32;

    private final byte[] key;
    private final int generation;
    private final Map<String, String> configured;
    private final Map<String, String> derived = new ConcurrentHashMap<>();

    /**
     * @param key        the derivation key, at least {@value #MINIMUM_KEY_BYTES} bytes
     * @param generation the generation of derived credentials presented (1, 2, ...)
     * @param configured credentials by domain, presented instead of the derived ones
     * @throws IllegalArgumentException when the key is too short or a configured credential is not usable
     */
    public PortCredentials(byte[] key, int generation, Map<String, String> configured) {
        requireNonNull(key, "key is null");
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("the port credential key must hold at least " + MINIMUM_KEY_BYTES
                    + " bytes (portico.ports.credentials.secret: base64 of 32 random bytes), got " + key.length);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("the credential generation must be at least 1, was " + generation);
        }
        this.key = key.clone();
        this.generation = generation;
        Map<String, String> checked = new LinkedHashMap<>();
        configured.forEach((domain, credential) -> {
            try {
                AcceptedCredentials.of(credential);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("portico.ports.credentials.domains." + domain + ": "
                        + e.getMessage(), e);
            }
            checked.put(domain, credential);
        });
        this.configured = Map.copyOf(checked);
    }

    /**
     * The credentials from base64 text of the key.
     *
     * @throws IllegalArgumentException when the text is not base64 of at least {@value #MINIMUM_KEY_BYTES} bytes
     */
    public static PortCredentials fromSecret(String base64Secret, int generation, Map<String, String> configured) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portico.ports.credentials.secret is not base64: " + e.getMessage(), e);
        }
        return new PortCredentials(key, generation, configured);
    }

    /** The credential the gateway presents to the ports of {@code domain}. */
    public String credentialOf(String domain) {
        requireNonNull(domain, "domain is null");
        String explicit = configured.get(domain);
        return explicit != null ? explicit : derived.computeIfAbsent(domain, this::derive);
    }

    /** The generation of derived credentials presented. */
    public int generation() {
        return generation;
    }

    /** Whether the credential of {@code domain} is configured for it rather than derived. */
    public boolean isConfigured(String domain) {
        return configured.containsKey(domain);
    }

    /** The domains with a configured credential. */
    public Set<String> configuredDomains() {
        return configured.keySet();
    }

    /**
     * The same credentials at the next generation: what the gateway will present once
     * {@code portico.ports.credentials.generation} is raised by one (configured credentials stay as they are). Ports
     * accept both during a rotation.
     */
    public PortCredentials next() {
        return new PortCredentials(key, generation + 1, configured);
    }

    private String derive(String domain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] credential = mac.doFinal(("portico-port:v" + generation + ":" + domain).getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(credential);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PortCredentials[generation " + generation + ", configured for " + configured.keySet() + "]";
    }
}
