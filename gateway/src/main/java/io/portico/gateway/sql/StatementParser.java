package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.refused;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.VisitListener;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ParserException;

/**
 * Turns a statement's text into one jOOQ {@link Select}, or refuses it ({@code STATEMENT_REFUSED}): too long, nested
 * too deeply, unparseable (with jOOQ's message and position), several statements, anything but a {@code SELECT}.
 * Set operations ({@code UNION}, ...) and subqueries parse but are not pushed down ({@code PUSHDOWN_UNSUPPORTED}).
 *
 * <p>Names keep the case they are written in ({@link ParseNameCase#AS_IS}) and whether they were quoted, so that
 * {@link SqlScope} can match unquoted names ignoring case and quoted names exactly. Unknown functions parse, so that
 * they are refused as unsupported rather than as unparseable.
 */
final class StatementParser {

    /** The longest statement read, in characters. */
    static final int MAX_LENGTH = 256 * 1024;
    /** The deepest nesting of parentheses read. */
    static final int MAX_NESTING = 64;

    private static final Settings SETTINGS = new Settings()
            .withParseDialect(SQLDialect.DEFAULT)
            .withParseNameCase(ParseNameCase.AS_IS)
            .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE)
            .withRenderFormatted(false);

    private StatementParser() {
    }

    static Select<?> parse(String sql) {
        if (sql.length() > MAX_LENGTH) {
            throw refused("the statement is " + sql.length() + " characters long; the most read is " + MAX_LENGTH);
        }
        int nesting = Nesting.depth(sql);
        if (nesting > MAX_NESTING) {
            throw refused("the statement nests parentheses " + nesting + " deep; the most read is " + MAX_NESTING);
        }
        Query[] queries = queries(sql);
        if (queries.length == 0) {
            throw refused("the statement is empty; send one SELECT");
        }
        if (queries.length > 1) {
            throw refused("one statement at a time, got " + queries.length + "; send one SELECT");
        }
        if (!(queries[0] instanceof Select<?> select)) {
            throw refused("only SELECT is run, got " + kind(queries[0]));
        }
        if (select.$intoTable() != null) {
            throw refused("SELECT INTO writes a table; only reads are run");
        }
        checkOneQueryBlock(select);
        checkNoLocking(select);
        return select;
    }

    /**
     * Refuses {@code FOR UPDATE}, {@code FOR SHARE} and the like, which the open-source jOOQ model does not expose:
     * the statement without its select list, conditions and ordering is rendered, which is short and says it.
     */
    private static void checkNoLocking(Select<?> select) {
        Select<?> skeleton = select.$select(List.of(DSL.asterisk())).$where(null).$orderBy(List.of())
                .$groupBy(List.of()).$having(null);
        String rendered = dsl().render(skeleton).toLowerCase(Locale.ROOT);
        if (rendered.contains(" for update") || rendered.contains(" for share") || rendered.contains(" for no key")
                || rendered.contains(" for key share")) {
            throw unsupported("a locking clause (FOR UPDATE, FOR SHARE)", "statements only read; drop it");
        }
    }

    private static Query[] queries(String sql) {
        try {
            return dsl().parser().parse(TimestampLiterals.rewrite(sql)).queries();
        } catch (ParserException e) {
            throw refused("the statement does not parse: " + firstLine(originalError(sql, e).getMessage()));
        } catch (StackOverflowError e) {
            throw refused("the statement is nested too deeply to read; simplify it");
        } catch (RuntimeException e) {
            throw refused("the statement does not parse: " + firstLine(e.getMessage()));
        }
    }

    /** The parser's error for the statement as sent, whose positions are the caller's, else {@code error}. */
    private static ParserException originalError(String sql, ParserException error) {
        try {
            dsl().parser().parse(sql);
            return error;
        } catch (ParserException original) {
            return original;
        }
    }

    /**
     * Refuses set operations, subqueries and common table expressions: the open-source jOOQ model has no accessor
     * for a {@code UNION}'s other branches, so the statement is rendered and every {@code SELECT} in it counted.
     */
    private static void checkOneQueryBlock(Select<?> select) {
        if (select.$with() != null) {
            throw unsupported("WITH (a common table expression)", SqlErrors.SUPPORTED);
        }
        int[] selects = {0};
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.DEFAULT).set(SETTINGS).set(VisitListener.onVisitStart(context -> {
            if (context.queryPart() instanceof Select<?>) {
                selects[0]++;
            }
        }));
        try {
            DSL.using(configuration).render(select);
        } catch (StackOverflowError e) {
            throw refused("the statement is nested too deeply to read; simplify it");
        }
        if (selects[0] > 1) {
            throw unsupported("a subquery or set operation (UNION, INTERSECT, EXCEPT)", SqlErrors.SUPPORTED);
        }
    }

    static DSLContext dsl() {
        return DSL.using(SQLDialect.DEFAULT, SETTINGS);
    }

    /** {@code DELETE}, {@code CREATE TABLE}, ... from the jOOQ class of a parsed statement. */
    private static String kind(Query query) {
        String name = query.getClass().getSimpleName().replace("Impl", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The deepest nesting of parentheses outside string literals, quoted identifiers and comments. */
    static final class Nesting {

        private Nesting() {
        }

        static int depth(String sql) {
            int depth = 0;
            int deepest = 0;
            int index = 0;
            while (index < sql.length()) {
                int skipped = skip(sql, index);
                if (skipped > index) {
                    index = skipped;
                    continue;
                }
                char character = sql.charAt(index);
                if (character == '(') {
                    deepest = Math.max(deepest, ++depth);
                } else if (character == ')') {
                    depth = Math.max(0, depth - 1);
                }
                index++;
            }
            return deepest;
        }

        /**
         * The index after the string literal, quoted identifier or comment starting at {@code index}, or
         * {@code index} when none starts there.
         */
        static int skip(String sql, int index) {
            char character = sql.charAt(index);
            if (character == '\'' || character == '"') {
                return closing(sql, index, character);
            }
            if (sql.startsWith("--", index)) {
                return lineEnd(sql, index);
            }
            if (sql.startsWith("/*", index)) {
                int end = sql.indexOf("*/", index + 2);
                return end < 0 ? sql.length() : end + 2;
            }
            return index;
        }

        /** The index after the quote closing the one at {@code start} (a doubled quote does not close). */
        private static int closing(String sql, int start, char quote) {
            int index = start + 1;
            while (index < sql.length()) {
                if (sql.charAt(index) == quote) {
                    if (index + 1 < sql.length() && sql.charAt(index + 1) == quote) {
                        index += 2;
                        continue;
                    }
                    return index + 1;
                }
                index++;
            }
            return sql.length();
        }

        private static int lineEnd(String sql, int start) {
            int end = sql.indexOf('\n', start);
            return end < 0 ? sql.length() : end + 1;
        }
    }
}
