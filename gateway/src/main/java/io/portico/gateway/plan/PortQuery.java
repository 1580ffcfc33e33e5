package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

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
 * <p>A planned statement is rendered once, inlined, when it is planned: that text is what a read sends and what the
 * result cache is keyed by. Its placeholder rendering and values are rendered from the same jOOQ query only when
 * first asked for (tests and diagnostics; no read needs them), then kept. Equal queries have equal renderings of
 * both kinds; thread-safe.
 */
public final class PortQuery {

    private final String statement;
    private final Supplier<Placeholders> placeholderRendering;
    private volatile Placeholders placeholders;

    /**
     * @param sql        the statement text with placeholders; never contains a value from the request
     * @param parameters the bind values, in placeholder order (may contain nulls)
     * @param statement  the statement as sent to the port: {@code sql} with jOOQ's inlined literals for its values
     */
    public PortQuery(String sql, List<Object> parameters, String statement) {
        this.statement = requireNonNull(statement, "statement is null");
        this.placeholders = new Placeholders(sql, parameters);
        this.placeholderRendering = null;
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

    private PortQuery(String statement, Supplier<Placeholders> placeholderRendering) {
        this.statement = requireNonNull(statement, "statement is null");
        this.placeholderRendering = requireNonNull(placeholderRendering, "placeholderRendering is null");
    }

    /**
     * A planned statement: {@code statement} rendered inlined now, its placeholder rendering left to
     * {@code placeholderRendering}, which must render the same query ({@link PortSql#render}).
     */
    static PortQuery rendered(String statement, Supplier<Placeholders> placeholderRendering) {
        return new PortQuery(statement, placeholderRendering);
    }

    /** The statement text with placeholders; never contains a value from the request. */
    public String sql() {
        return placeholders().sql();
    }

    /** The bind values, in placeholder order (may contain nulls). */
    public List<Object> parameters() {
        return placeholders().parameters();
    }

    /** The statement as sent to the port: {@link #sql()} with jOOQ's inlined literals for its values. */
    public String statement() {
        return statement;
    }

    private Placeholders placeholders() {
        Placeholders rendered = placeholders;
        if (rendered != null) {
            return rendered;
        }
        synchronized (this) {
            if (placeholders == null) {
                placeholders = placeholderRendering.get();
            }
            return placeholders;
        }
    }

    private static List<Object> requireNoParameters(List<Object> parameters) {
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("a statement with parameters needs its inlined rendering");
        }
        return parameters;
    }

    /** Equal when all three are: the placeholder text, its values and the statement sent. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof PortQuery that && statement.equals(that.statement)
                && placeholders().equals(that.placeholders());
    }

    /** The statement's hash: equal queries send equal statements. */
    @Override
    public int hashCode() {
        return statement.hashCode();
    }

    @Override
    public String toString() {
        return "PortQuery[sql=" + sql() + ", parameters=" + parameters() + ", statement=" + statement + "]";
    }

    /**
     * The placeholder rendering of a statement.
     *
     * @param sql        the statement text with placeholders
     * @param parameters the bind values, in placeholder order (may contain nulls)
     */
    record Placeholders(String sql, List<Object> parameters) {

        Placeholders {
            requireNonNull(sql, "sql is null");
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }
}
