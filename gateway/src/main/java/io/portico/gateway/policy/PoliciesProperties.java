package io.portico.gateway.policy;

import static io.portico.gateway.config.PropertyChecks.requirePositive;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Field-level policies and the audit trail of their decisions, under {@code portico.policies} (see
 * {@code io.portico.gateway.policy} and docs/policies.md).
 *
 * @param directory         the directory of policy YAML files, reloaded when they change (a bad change keeps
 *                          the policies in force); unset: the demo's policy set when the demo is enabled, else
 *                          no policy (every field allowed, which the gateway warns about at start)
 * @param reloadInterval    how often the directory is checked for changes
 * @param decisionCacheSize how many distinct subjects' decisions are kept
 * @param secret            the deployment's secret (base64, at least 32 bytes), shared by replicas: keys the
 *                          {@code hash} mask (so hashes join across datasets but resist dictionaries) and seals
 *                          paging cursors. Unset: the demo keeps one in its data directory; anything else
 *                          draws one at start (hashes and cursors then change with every restart)
 * @param auditLog          a file the audit events are appended to as JSON lines; unset: the
 *                          {@code io.portico.audit} logger, one JSON line per event
 * @param relatedFilter     row filters that follow relationships ({@code visible(...)}) to a dataset of
 *                          another port
 */
@ConfigurationProperties("portico.policies")
public record PoliciesProperties(
        Path directory,
        @DefaultValue("2s") Duration reloadInterval,
        @DefaultValue("10000") long decisionCacheSize,
        String secret,
        Path auditLog,
        @DefaultValue RelatedFilter relatedFilter) {

    public PoliciesProperties {
        requirePositive(reloadInterval, "portico.policies.reload-interval");
        if (decisionCacheSize < 1) {
            throw new IllegalArgumentException("portico.policies.decision-cache-size must be positive, was "
                    + decisionCacheSize);
        }
        secret = secret == null || secret.isBlank() ? null : secret.strip();
        requireNonNull(relatedFilter, "portico.policies.related-filter is null");
    }

    /**
     * Row filters that follow a relationship ({@code visible(crm.customers)}) to a dataset of another port:
     * the gateway reads the related dataset's allowed keys from its port first and sends them to the
     * filtered dataset's port as a list. (Within one port the filter is a semi-join and reads nothing first.)
     *
     * @param maxKeys      the most allowed keys read for one filter; more refuse the request
     *                     ({@code QUERY_LIMIT_EXCEEDED}), never truncated. 0 turns cross-port related filters
     *                     off: a policy set with one is refused when it loads
     * @param cacheTtl     how long a set of allowed keys is reused by later requests of equal claims; 0 reads
     *                     them for every request. A related row that becomes visible or hidden is seen within it
     * @param cacheMaxKeys the most keys all cached sets hold together
     */
    public record RelatedFilter(
            @DefaultValue("10000") int maxKeys,
            @DefaultValue("30s") Duration cacheTtl,
            @DefaultValue("1000000") long cacheMaxKeys) {

        public RelatedFilter {
            if (maxKeys < 0) {
                throw new IllegalArgumentException("portico.policies.related-filter.max-keys must be 0 (off) or"
                        + " positive, was " + maxKeys);
            }
            requireNonNull(cacheTtl, "portico.policies.related-filter.cache-ttl is null");
            if (cacheTtl.isNegative()) {
                throw new IllegalArgumentException("portico.policies.related-filter.cache-ttl must not be"
                        + " negative, was " + cacheTtl);
            }
            if (cacheMaxKeys < 0) {
                throw new IllegalArgumentException("portico.policies.related-filter.cache-max-keys must not be"
                        + " negative, was " + cacheMaxKeys);
            }
        }

        /** Whether related datasets of other ports may be read at all. */
        public boolean crossPort() {
            return maxKeys > 0;
        }
    }
}

