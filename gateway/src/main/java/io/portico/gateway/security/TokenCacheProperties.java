package io.portico.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of verified bearer tokens ({@link VerifiedTokenCache}), under {@code portico.security.token-cache}.
 *
 * @param maxTokens the most distinct tokens kept (each until its {@code exp} at the latest); 0 turns the cache
 *                  off, so every request's token signature is verified
 */
@ConfigurationProperties("portico.security.token-cache")
public record TokenCacheProperties(
        @DefaultValue("10000") int maxTokens) {

    public TokenCacheProperties {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("portico.security.token-cache.max-tokens must not be negative, was "
                    + maxTokens);
        }
    }
}
