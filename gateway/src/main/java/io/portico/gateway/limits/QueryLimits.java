package io.portico.gateway.limits;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The limits every GraphQL request is checked against before any port is called (docs/limits.md).
 *
 * @param maxDepth            the deepest field nesting
 * @param maxAliases          the most aliased fields
 * @param maxFields           the most selected fields, a fragment's counted at every spread
 * @param maxCost             the budget of the estimated cost ({@link QueryCost})
 * @param listSizeEstimate    the length the cost assumes for a list field without {@code first}
 * @param maxPageSize         the largest {@code first}
 * @param defaultPageSize     the page size of {@code first: null}
 * @param maxTokens           the most grammar tokens of a query document
 * @param maxWhitespaceTokens the most whitespace, comma and comment tokens of a query document
 * @param maxBodySize         the largest HTTP request body, in bytes
 * @param requestTimeout      the deadline of a whole request
 */
public record QueryLimits(
        int maxDepth,
        int maxAliases,
        int maxFields,
        long maxCost,
        int listSizeEstimate,
        int maxPageSize,
        int defaultPageSize,
        int maxTokens,
        int maxWhitespaceTokens,
        long maxBodySize,
        Duration requestTimeout) {

    /** Parser rule depth per level of field nesting, as graphql-java's grammar enters them (measured: about 3). */
    private static final int RULES_PER_LEVEL = 4;
    /** graphql-java's own default rule depth, kept as the floor. */
    private static final int MIN_RULE_DEPTH = 500;

    public QueryLimits {
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (maxDepth < 1 || maxAliases < 0 || maxFields < 1 || maxCost < 1 || listSizeEstimate < 1
                || maxPageSize < 1 || defaultPageSize < 1 || maxTokens < 1 || maxWhitespaceTokens < 1
                || maxBodySize < 1 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("query limits must be positive: " + this);
        }
    }

    /** The defaults of {@code application.yml}, for tests and benchmarks. */
    public static QueryLimits defaults() {
        return new QueryLimits(15, 100, 1000, 1_000_000, 10, 100_000, 100, 15_000, 200_000, 2L * 1024 * 1024,
                Duration.ofSeconds(30));
    }

    /**
     * How deep the parser may nest grammar rules: deep enough for any query within {@link #maxDepth}, so that a
     * too-deep query is refused for its depth; the parser stops sooner only for values nested absurdly deep.
     */
    public int maxRuleDepth() {
        return Math.max(MIN_RULE_DEPTH, maxDepth * RULES_PER_LEVEL + 100);
    }

    /** The most characters of a query document: no more than a body may hold. */
    public int maxCharacters() {
        return (int) Math.min(Integer.MAX_VALUE, maxBodySize);
    }

    public QueryLimits withMaxDepth(int depth) {
        return new QueryLimits(depth, maxAliases, maxFields, maxCost, listSizeEstimate, maxPageSize,
                defaultPageSize, maxTokens, maxWhitespaceTokens, maxBodySize, requestTimeout);
    }

    public QueryLimits withMaxCost(long cost) {
        return new QueryLimits(maxDepth, maxAliases, maxFields, cost, listSizeEstimate, maxPageSize,
                defaultPageSize, maxTokens, maxWhitespaceTokens, maxBodySize, requestTimeout);
    }

    public QueryLimits withRequestTimeout(Duration timeout) {
        return new QueryLimits(maxDepth, maxAliases, maxFields, maxCost, listSizeEstimate, maxPageSize,
                defaultPageSize, maxTokens, maxWhitespaceTokens, maxBodySize, timeout);
    }
}
