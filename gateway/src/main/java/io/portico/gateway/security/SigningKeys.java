package io.portico.gateway.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import java.security.Key;
import java.util.List;

/**
 * The keys an issuer's decoder picks to verify a token's signature, as the decoder currently knows them: the
 * issuer's one fixed key, or the keys of its JWK set matching the token's header ({@code kid}, {@code alg},
 * {@code use}) as Nimbus's JWK set cache holds them (refreshed every five minutes, and at once when a token names
 * a key the cache does not hold).
 *
 * <p>Installed into the decoder's Nimbus processor ({@link #install}), it records the keys picked for the token
 * being decoded on this thread ({@link #picked}), so the token cache can later ask whether those keys are all still picked
 * ({@link #stillPicked}).
 */
final class SigningKeys {

    private final ThreadLocal<List<Key>> picked = new ThreadLocal<>();
    private volatile JWSKeySelector<SecurityContext> selector;

    /** Wraps the processor's key selector to record what it picks; Spring's decoder builders call this last. */
    void install(ConfigurableJWTProcessor<SecurityContext> processor) {
        JWSKeySelector<SecurityContext> delegate = processor.getJWSKeySelector();
        selector = delegate;
        processor.setJWSKeySelector((header, context) -> {
            List<? extends Key> keys = delegate.selectJWSKeys(header, context);
            picked.set(List.copyOf(keys));
            return keys;
        });
    }

    /** The keys the decodes on this thread picked since {@link #forget}; empty when none. */
    List<Key> picked() {
        List<Key> keys = picked.get();
        return keys == null ? List.of() : keys;
    }

    /** Forgets what the decodes on this thread picked. */
    void forget() {
        picked.remove();
    }

    /**
     * Whether every key picked for a token with {@code header} then would be picked now: false once the issuer's
     * JWK set as the gateway knows it lost any of them (rotated out), or when the keys cannot be fetched.
     */
    boolean stillPicked(JWSHeader header, List<Key> keys) {
        JWSKeySelector<SecurityContext> current = selector;
        if (current == null || keys.isEmpty()) {
            return false;
        }
        try {
            return current.selectJWSKeys(header, null).containsAll(keys);
        } catch (KeySourceException | RuntimeException unavailable) {
            return false;
        }
    }
}
