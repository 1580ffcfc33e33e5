package io.portico.gateway.limits;

import static io.portico.gateway.config.PropertyChecks.requirePositive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Query limits, under {@code portico.limits} (see {@code io.portico.gateway.limits} and docs/limits.md): every
 * GraphQL request is checked against them before any data fetcher runs, and refused as a whole with
 * {@code QUERY_LIMIT_EXCEEDED} naming the limit and its value. The largest {@code first} is
 * {@code portico.query.max-page-size}.
 *
 * @param maxDepth            the deepest field nesting of a query ({@code { sales { orders { nodes { id } } } }}
 *                            is 4 deep), counting the fields of a fragment where it is spread
 * @param maxAliases          how many aliased fields a query may have
 * @param maxFields           how many fields a query may select, counting a fragment's fields at every spread
 * @param maxCost             the budget of a query's estimated cost: every selected field counts 1, and a field
 *                            with a {@code first} argument multiplies the cost of its selection by its page size
 *                            (nested connections multiply); a list field without {@code first} other than a
 *                            page's {@code nodes} and {@code edges} multiplies by {@code listSizeEstimate}
 * @param listSizeEstimate    the length the cost estimate assumes for a list field without {@code first}
 * @param maxTokens           the most grammar tokens (names, punctuation, values) a query document may have;
 *                            the parser stops at the first token over it
 * @param maxWhitespaceTokens the most whitespace, comma and comment tokens a query document may have
 * @param maxBodySize         the largest HTTP request body of a GraphQL POST; a larger one is answered 413
 *                            without being read (on its {@code Content-Length}, or after reading this much)
 * @param requestTimeout      the deadline of a whole GraphQL request: a field still waiting for its data at
 *                            the deadline answers null with an error, the rest of the response is sent
 */
@ConfigurationProperties("portico.limits")
public record LimitsProperties(
        @DefaultValue("15") int maxDepth,
        @DefaultValue("100") int maxAliases,
        @DefaultValue("1000") int maxFields,
        @DefaultValue("1000000") long maxCost,
        @DefaultValue("10") int listSizeEstimate,
        @DefaultValue("15000") int maxTokens,
        @DefaultValue("200000") int maxWhitespaceTokens,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("30s") Duration requestTimeout) {

    public LimitsProperties {
        requireAtLeastOne(maxDepth, "portico.limits.max-depth");
        if (maxAliases < 0) {
            throw new IllegalArgumentException("portico.limits.max-aliases must not be negative, was " + maxAliases);
        }
        requireAtLeastOne(maxFields, "portico.limits.max-fields");
        requireAtLeastOne(maxCost, "portico.limits.max-cost");
        requireAtLeastOne(listSizeEstimate, "portico.limits.list-size-estimate");
        requireAtLeastOne(maxTokens, "portico.limits.max-tokens");
        requireAtLeastOne(maxWhitespaceTokens, "portico.limits.max-whitespace-tokens");
        if (maxBodySize == null || maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("portico.limits.max-body-size must be between 1B and 2GB, was "
                    + maxBodySize);
        }
        requirePositive(requestTimeout, "portico.limits.request-timeout");
    }

    private static void requireAtLeastOne(long value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, was " + value);
        }
    }
}

