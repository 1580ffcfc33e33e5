package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement for a port, in the port's dialect, in two renderings by jOOQ of the same query: {@link #sql()}
 * with {@code ?} placeholders and the {@link #parameters()} they stand for (what plans are compared by), and
 * {@link #statement()}, the text the port is sent, where jOOQ rendered each value as an inlined literal of the
 * port's dialect (quoted and escaped by jOOQ, never by string concatenation), so a call is one plain Flight SQL
 * statement: {@code GetFlightInfo} and {@code DoGet}, with nothing to prepare, bind or close.
 *
 * <p>Parameter values are {@code Long}, {@code Integer}, {@code Double}, {@code BigDecimal}, {@code String},
 * {@code Boolean}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code OffsetDateTime} or
 * {@code byte[]}.
 *
 * @param sql        the statement text with placeholders; never contains a value from the request
 * @param parameters the bind values, in placeholder order (may contain nulls)
 * @param statement  the statement as sent to the port: {@code sql} with jOOQ's inlined literals for its values
 */
public record PortQuery(String sql, List<Object> parameters, String statement) {

    public PortQuery {
        requireNonNull(sql, "sql is null");
        requireNonNull(statement, "statement is null");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /**
     * A statement without parameters, sent as it is.
     *
     * @throws IllegalArgumentException when {@code parameters} is not empty: values are inlined by jOOQ's
     *                                  rendering only (see {@code QueryPlanner})
     */
    public PortQuery(String sql, List<Object> parameters) {
        this(sql, requireNoParameters(parameters), sql);
    }

    private static List<Object> requireNoParameters(List<Object> parameters) {
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("a statement with parameters needs its inlined rendering");
        }
        return parameters;
    }
}
