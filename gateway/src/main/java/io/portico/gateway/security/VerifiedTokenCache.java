package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Bearer tokens verified before, reused so a client sending the same token again costs no signature check: keyed
 * by the token's exact text (a token altered in any character is another key, checked from scratch).
 *
 * <p>A verified token is served again only while its issuer's decoder {@link IssuerDecoder#stillAccepts still
 * accepts} it, asked on every reuse: its lifetime checked again against the clock as it reads now (so an expired
 * token is refused with the very message a fresh check gives: the cache steps aside and the token is decoded
 * again), and every key that was picked to verify its signature still among its issuer's keys as the gateway knows
 * them now. The gateway learns of a rotation when its JWK set cache refreshes: every five minutes, and at once when
 * a token names a key it does not hold; from then on a token signed with a key rotated out is verified afresh, and
 * refused. Each entry also expires from the cache at its token's {@code exp}.
 *
 * <p>Only tokens that passed every check are kept; a refused token is checked again each time it is sent.
 * Bounded by count; tokens are at most a few kilobytes (the HTTP header size bounds them), and one longer than
 * {@value #LONGEST_CACHED_TOKEN} characters is never kept.
 */
public final class VerifiedTokenCache {

    /** Tokens longer than this many characters are verified every time. */
    static final int LONGEST_CACHED_TOKEN = 16 << 10;

    private final Cache<String, VerifiedToken> tokens;
    private final Clock clock;

    /**
     * @param maxTokens the most tokens kept; 0 keeps none
     * @param clock     the clock of the tokens' expiry (the one their validators read)
     */
    public VerifiedTokenCache(int maxTokens, Clock clock) {
        this(maxTokens, clock, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /**
     * @param ticker      Caffeine's time source for the entries' expiry (one that follows {@code clock} in tests)
     * @param maintenance where Caffeine evicts ({@code Runnable::run} in tests)
     */
    VerifiedTokenCache(int maxTokens, Clock clock, Ticker ticker, Executor maintenance) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must not be negative, was " + maxTokens);
        }
        this.clock = requireNonNull(clock, "clock is null");
        this.tokens = maxTokens == 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.creating((String token, VerifiedToken verified) -> untilExpiry(verified)))
                .ticker(requireNonNull(ticker, "ticker is null"))
                .executor(requireNonNull(maintenance, "maintenance is null"))
                .recordStats()
                .build();
    }

    /** A cache that keeps nothing. */
    public static VerifiedTokenCache none() {
        return new VerifiedTokenCache(0, Clock.systemUTC());
    }

    /**
     * The decoded token verified before under exactly this text, if its issuer still accepts it now; otherwise
     * null, and the token is forgotten (the caller then decodes it, and refuses it with the reason).
     */
    Jwt reusable(String token) {
        if (tokens == null) {
            return null;
        }
        VerifiedToken verified = tokens.getIfPresent(token);
        if (verified == null) {
            return null;
        }
        if (verified.issuer().stillAccepts(verified)) {
            return verified.jwt();
        }
        tokens.asMap().remove(token, verified);
        return null;
    }

    /** Keeps a token that was just verified, unless it cannot be checked again when reused or is too long. */
    void keep(String token, VerifiedToken verified) {
        if (tokens == null || token.length() > LONGEST_CACHED_TOKEN || verified.keys().isEmpty()
                || verified.jwt().getExpiresAt() == null) {
            return;
        }
        tokens.put(token, verified);
    }

    /** Hits, misses and evictions since start. */
    public CacheStats stats() {
        return tokens == null ? CacheStats.empty() : tokens.stats();
    }

    /** The tokens kept now (an estimate, as Caffeine's). */
    public long size() {
        return tokens == null ? 0 : tokens.estimatedSize();
    }

    /** The underlying cache, for metrics; empty when this cache keeps nothing. */
    public Optional<Cache<?, ?>> cache() {
        return Optional.<Cache<?, ?>>ofNullable(tokens);
    }

    private Duration untilExpiry(VerifiedToken verified) {
        Instant expiresAt = verified.jwt().getExpiresAt();
        Duration left = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
