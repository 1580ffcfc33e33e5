package io.portico.gateway.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of GraphQL queries, under {@code portico.query}.
 *
 * @param maxPageSize      the largest {@code first} a connection field accepts
 * @param defaultPageSize  the page size when a request passes {@code first: null}
 * @param columnarFastPath complete {@code nodes}/{@code edges} lists whose selection is leaf fields only column
 *                         by column instead of field by field (same response, much faster for large pages; see
 *                         {@code io.portico.gateway.graphql.ColumnarExecutionStrategy}); off only to compare
 */
@ConfigurationProperties("portico.query")
public record QueryProperties(
        @DefaultValue("100000") int maxPageSize,
        @DefaultValue("100") int defaultPageSize,
        @DefaultValue("true") boolean columnarFastPath) {

    public QueryProperties {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("portico.query.max-page-size must be at least 1, was " + maxPageSize);
        }
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("portico.query.default-page-size must be between 1 and "
                    + "portico.query.max-page-size (" + maxPageSize + "), was " + defaultPageSize);
        }
    }
}

