package io.portico.gateway.cache;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The result cache of port answers ({@link ResultCache}), under {@code portico.cache}.
 *
 * @param enabled                  whether port answers are cached at all; off by default (a cached answer may be as
 *                                 old as its port's freshness allows, a choice a deployment makes), on in the demo
 * @param maxBytes                 the most bytes of answers (Arrow IPC) kept in all, with their keys
 * @param maxEntryBytes            an answer larger than this is not kept (it is read from the port every time)
 * @param defaultTtl               how long an answer is kept when its port's contract states no freshness
 *                                 ({@code slaProperties} {@code freshness}, else {@code latency})
 * @param ttl                      per port id: how long its answers are kept, over the contract's freshness; 0 keeps
 *                                 none of that port's answers
 * @param invalidationPollInterval how often this gateway reads the registry database for invalidations made through
 *                                 other replicas (at most 1 s, so an invalidation reaches every replica within 1 s)
 */
@ConfigurationProperties("portico.cache")
public record ResultCacheProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("8MB") DataSize maxEntryBytes,
        @DefaultValue("30s") Duration defaultTtl,
        @DefaultValue Map<String, Duration> ttl,
        @DefaultValue("250ms") Duration invalidationPollInterval) {

    public ResultCacheProperties {
        ttl = Map.copyOf(ttl);
        if (maxBytes.toBytes() < 0 || maxEntryBytes.toBytes() < 0) {
            throw new IllegalArgumentException("portico.cache.max-bytes and max-entry-bytes must not be negative");
        }
        if (maxEntryBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("portico.cache.max-entry-bytes must be below 2GB, was " + maxEntryBytes);
        }
        requireNotNegative(defaultTtl, "default-ttl");
        ttl.forEach((port, duration) -> requireNotNegative(duration, "ttl." + port));
        if (invalidationPollInterval.isNegative() || invalidationPollInterval.isZero()
                || invalidationPollInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("portico.cache.invalidation-poll-interval must be above 0 and at most"
                    + " 1s (invalidations reach every replica within 1 s), was " + invalidationPollInterval);
        }
    }

    private static void requireNotNegative(Duration duration, String property) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("portico.cache." + property + " must not be negative, was " + duration);
        }
    }
}
