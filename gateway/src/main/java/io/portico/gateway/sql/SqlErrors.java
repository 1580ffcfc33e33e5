package io.portico.gateway.sql;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.Collection;
import java.util.stream.Collectors;

/** The errors a statement gets, each saying what Portico does support. */
final class SqlErrors {

    /** What a statement may be, in one line: every refusal of a shape ends with it. */
    static final String SUPPORTED = "Portico runs one SELECT of columns, * or aggregates (count, sum, avg, min, max,"
            + " count(DISTINCT col)) FROM <domain>.<table> [[LEFT] JOIN <domain>.<table> ON equal columns, tables of"
            + " one port, no aggregates] [WHERE comparisons of a column with a value or ?]"
            + " [GROUP BY columns or date_trunc('<unit>', col)] [ORDER BY ...] [LIMIT n] [OFFSET m]";

    /** The conditions {@code WHERE} takes. */
    static final String SUPPORTED_WHERE = "WHERE takes comparisons of a column with a literal or ? (=, <>, !=, <,"
            + " <=, >, >=), IN and NOT IN lists, IS [NOT] NULL, BETWEEN, LIKE 'abc%' and LIKE '%abc%',"
            + " combined with AND, OR, NOT and parentheses";

    /** How long a part of a statement is quoted in a message. */
    private static final int QUOTED_LENGTH = 80;

    private SqlErrors() {
    }

    /** Not one SELECT, or not SQL at all. */
    static PorticoException refused(String message) {
        return new PorticoException(ErrorCode.STATEMENT_REFUSED, message);
    }

    /** Valid SQL that Portico does not push down; {@code supported} says what it does. */
    static PorticoException unsupported(String what, String supported) {
        return new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, what + " is not supported; " + supported);
    }

    /** The caller's mistake: an unknown name, a value that does not fit, a wrong parameter count. */
    static PorticoException badInput(String message) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, message);
    }

    /** A part of the statement as a message quotes it, shortened. */
    static String quote(Object part) {
        String text = String.valueOf(part).replaceAll("\\s+", " ").trim();
        return "'" + (text.length() <= QUOTED_LENGTH ? text : text.substring(0, QUOTED_LENGTH) + "...") + "'";
    }

    static String list(Collection<String> names) {
        return names.stream().collect(Collectors.joining(", "));
    }
}
