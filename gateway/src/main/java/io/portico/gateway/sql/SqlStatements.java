package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jooq.Select;

/**
 * Turns one SQL statement into the read path's typed requests ({@link SqlRead}), checked against the tables a
 * caller may name, before any policy. Parsed with jOOQ's parser; nothing of the text is sent to a port: the
 * requests are planned and rendered by the same planner as every other front door's.
 *
 * <p>What is supported (each refusal says so too): one {@code SELECT} of columns, {@code *} or aggregates
 * ({@code count(*)}, {@code count(DISTINCT col)}, {@code sum}, {@code avg}, {@code min}, {@code max}, and
 * {@code count(col)} of a column that holds no nulls, which is the row count) from one {@code <domain>.<table>},
 * {@code WHERE} comparisons of a column with a literal or {@code ?}, {@code GROUP BY} columns and
 * {@code date_trunc('<unit>', col)}, {@code ORDER BY} (by name, alias or position), {@code LIMIT}/{@code FETCH
 * FIRST} and {@code OFFSET} (not on aggregates); or a {@code SELECT} of columns of two or more tables served by one
 * port, joined ({@code JOIN} or {@code LEFT JOIN}) on equal columns ({@link SqlRead.Join}). Errors are {@code PorticoException}s: {@code STATEMENT_REFUSED} for
 * anything but one {@code SELECT}, {@code BAD_USER_INPUT} for unknown names, wrong parameters and values that do not
 * fit, {@code PUSHDOWN_UNSUPPORTED} for valid SQL Portico does not push down (joins across ports, subqueries, {@code HAVING},
 * {@code DISTINCT}, functions, ...).
 *
 * <p>Thread-safe; holds no state of its own beyond the tables.
 */
public final class SqlStatements {

    /** The most groups an aggregate without {@code LIMIT} asks for: {@code portico.query.max-page-size}'s default. */
    public static final int DEFAULT_MAX_GROUPS = 100_000;

    private final SelectTranslator translator;
    private final int maxGroups;

    /** Statements over {@code tables}, at most {@link #DEFAULT_MAX_GROUPS} groups per aggregate. */
    public SqlStatements(SqlTables tables) {
        this(tables, DEFAULT_MAX_GROUPS);
    }

    /**
     * @param tables    the tables statements may name
     * @param maxGroups the most groups an aggregate returns, the planner's limit ({@code portico.query.max-page-size}):
     *                  an aggregate without {@code LIMIT} asks for this many, a larger {@code LIMIT} is refused
     */
    public SqlStatements(SqlTables tables, int maxGroups) {
        requireNonNull(tables, "tables is null");
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be positive: " + maxGroups);
        }
        this.translator = new SelectTranslator(tables, maxGroups);
        this.maxGroups = maxGroups;
    }

    /** The most groups an aggregate returns; its {@code first} without {@code LIMIT}. */
    public int maxGroups() {
        return maxGroups;
    }

    /**
     * Parses and translates {@code sql}; its {@code ?} placeholders take {@code parameters} in order.
     *
     * @param parameters one value per {@code ?}, in text order: numbers, strings, booleans, {@code java.time} or
     *                   {@code java.sql} dates and times; each is converted to its column's type or refused
     * @throws io.portico.schema.error.PorticoException {@code STATEMENT_REFUSED}, {@code BAD_USER_INPUT} (also for
     *                                                  a parameter count that does not match) or
     *                                                  {@code PUSHDOWN_UNSUPPORTED}, each saying what is supported
     */
    public SqlRead read(String sql, List<Object> parameters) {
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        Select<?> select = StatementParser.parse(sql);
        Placeholders described = Placeholders.describing();
        SqlRead read = translator.translate(select, described);
        int expected = described.columns().size();
        if (expected != parameters.size()) {
            throw SqlErrors.badInput("the statement has " + expected + " parameter" + (expected == 1 ? "" : "s")
                    + " (?), got " + parameters.size() + " value" + (parameters.size() == 1 ? "" : "s"));
        }
        return expected == 0 ? read : translator.translate(select, Placeholders.binding(parameters));
    }

    /**
     * The audit signature of {@code sql}: the statement as parsed (within the same size and nesting bounds as
     * {@link #read}), printed again with every literal as {@code ?}, so equal statements with other values sign
     * alike and no value is kept; empty for a statement the parser refuses.
     */
    public static java.util.Optional<String> signature(String sql) {
        requireNonNull(sql, "sql is null");
        Select<?> select;
        try {
            select = StatementParser.parse(sql);
        } catch (io.portico.schema.error.PorticoException refused) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SIGNATURE_PRINTER.render(select));
    }

    private static final org.jooq.DSLContext SIGNATURE_PRINTER = org.jooq.impl.DSL.using(org.jooq.SQLDialect.DEFAULT,
            new org.jooq.conf.Settings().withParamType(org.jooq.conf.ParamType.FORCE_INDEXED)
                    .withRenderFormatted(false));

    /**
     * For a prepared statement: per {@code ?} in text order, the column it is compared with (its type is the
     * parameter's). The statement is checked as {@link #read} checks it.
     *
     * @throws io.portico.schema.error.PorticoException as {@link #read}
     */
    public List<SqlColumn> parameters(String sql) {
        requireNonNull(sql, "sql is null");
        Placeholders described = Placeholders.describing();
        translator.translate(StatementParser.parse(sql), described);
        return described.columns();
    }
}
