package io.portico.flight;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.CommonTableExpression;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.QualifiedAsterisk;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

/**
 * Decides whether the port runs a statement: it must parse (with jOOQ's parser, in the port's dialect), be exactly
 * one {@code SELECT}, and read only tables the contract publishes, wherever they appear: joins, subqueries, derived
 * tables, {@code LATERAL}, set operations and common table expressions. A name that refers to a common table
 * expression in scope is not a table; table functions are refused.
 *
 * <p>The statement is never rewritten: the port executes the client's SQL text as received, with bound parameters.
 *
 * <p>How table references are found: the open-source jOOQ has no model traversal API, so the guard renders the
 * parsed statement with a {@link VisitListener}, which sees every query part together with the stack of parts that
 * contain it.
 *
 * <p>Parsing and analysing costs far more than running a small query, and clients (the gateway above all) send
 * the same statement texts again and again, so accepted statements are remembered by their exact text, in a
 * bounded cache (at most {@link #CACHED_CHARACTERS} characters of SQL in all; texts over
 * {@link #LONGEST_CACHED_STATEMENT} are checked every time). A guard serves one contract: a port serving a changed
 * contract has a new guard, so nothing accepted under the old one is remembered. Refusals are not cached.
 */
public final class StatementGuard {

    /** The most SQL text, in characters, that the cache of accepted statements holds. */
    static final long CACHED_CHARACTERS = 8L << 20;
    /** Statements longer than this are checked every time rather than cached. */
    static final int LONGEST_CACHED_STATEMENT = 1 << 20;

    private final SQLDialect dialect;
    private final PublishedTables published;
    private final String contractId;
    private final Cache<String, GuardedStatement> accepted = Caffeine.newBuilder()
            .maximumWeight(CACHED_CHARACTERS)
            .weigher((String sql, GuardedStatement statement) -> sql.length())
            .build();

    StatementGuard(SQLDialect dialect, PublishedTables published, String contractId) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.published = requireNonNull(published, "published is null");
        this.contractId = requireNonNull(contractId, "contractId is null");
    }

    /**
     * A statement the guard accepted.
     *
     * @param sql        the SQL text as received
     * @param tablesRead the published tables it reads, in order of first appearance
     */
    public record GuardedStatement(String sql, List<PublishedTable> tablesRead) {

        public GuardedStatement {
            requireNonNull(sql, "sql is null");
            tablesRead = List.copyOf(tablesRead);
        }
    }

    /**
     * Checks one statement.
     *
     * @throws PorticoException {@link ErrorCode#STATEMENT_REFUSED} saying why the statement is refused
     */
    public GuardedStatement check(String sql) {
        requireNonNull(sql, "sql is null");
        GuardedStatement known = accepted.getIfPresent(sql);
        if (known != null) {
            return known;
        }
        GuardedStatement statement = analyse(sql);
        if (sql.length() <= LONGEST_CACHED_STATEMENT) {
            accepted.put(sql, statement);
        }
        return statement;
    }

    private GuardedStatement analyse(String sql) {
        Query[] queries = parse(sql);
        if (queries.length == 0) {
            throw refused("the statement is empty; send one SELECT");
        }
        if (queries.length > 1) {
            throw refused("one statement per request, got " + queries.length);
        }
        if (!(queries[0] instanceof Select<?> select)) {
            throw refused("only SELECT is allowed, got " + statementKind(queries[0]));
        }
        return new GuardedStatement(sql, tablesRead(select));
    }

    private Query[] parse(String sql) {
        try {
            return DSL.using(dialect, settings()).parser().parse(sql).queries();
        } catch (RuntimeException e) {
            throw refused("the statement does not parse: " + FlightErrors.firstLine(e.getMessage()));
        }
    }

    private Settings settings() {
        return new Settings().withParseDialect(dialect).withParseNameCase(ParseNameCase.AS_IS).withRenderFormatted(false);
    }

    private List<PublishedTable> tablesRead(Select<?> select) {
        TableReferenceCollector collector = new TableReferenceCollector();
        Configuration configuration = new DefaultConfiguration()
                .set(dialect)
                .set(settings())
                .set(VisitListener.onVisitStart(collector::visit));
        try {
            DSL.using(configuration).render(select);
        } catch (RuntimeException e) {
            throw refused("the statement cannot be analysed: " + FlightErrors.firstLine(e.getMessage()));
        }
        return collector.result();
    }

    private final class TableReferenceCollector {

        private final Set<PublishedTable> read = new LinkedHashSet<>();
        private final Set<String> unpublished = new LinkedHashSet<>();
        private final List<String> problems = new ArrayList<>();

        void visit(VisitContext context) {
            QueryPart part = context.queryPart();
            if (part instanceof Select<?> select && select.$intoTable() != null) {
                problems.add("SELECT INTO writes a table; the port is read-only");
                return;
            }
            if (!(part instanceof Table<?> table) || isStructural(table)) {
                return;
            }
            QueryPart[] stack = Arrays.copyOf(context.queryParts(), context.queryPartsLength());
            if (isQualifier(stack)) {
                return;
            }
            if (!(table instanceof TableImpl<?>)) {
                problems.add("table function or expression '" + table.getName() + "' is not allowed; only published tables"
                        + " can be read (published: " + published.describe() + ")");
                return;
            }
            Name reference = table.getQualifiedName();
            if (reference.parts().length == 1 && commonTableExpressionsInScope(stack).stream()
                    .anyMatch(name -> published.rules().same(published.rules().normalize(reference), name))) {
                return;
            }
            published.find(reference).ifPresentOrElse(read::add, () -> unpublished.add(displayName(reference)));
        }

        List<PublishedTable> result() {
            if (!problems.isEmpty()) {
                throw refused(problems.getFirst());
            }
            if (!unpublished.isEmpty()) {
                String names = unpublished.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
                String subject = unpublished.size() == 1 ? "table " + names + " is" : "tables " + names + " are";
                throw refused(subject + " not published by contract " + contractId + " (published: " + published.describe() + ")");
            }
            return List.copyOf(read);
        }
    }

    /** Parts that only combine or rename other table sources, which are visited on their own. */
    private static boolean isStructural(Table<?> table) {
        return table instanceof CommonTableExpression<?>
                || table instanceof QOM.TableAlias<?>
                || table instanceof QOM.JoinTable<?, ?>
                || table instanceof QOM.Lateral<?>
                || table instanceof QOM.DerivedTable<?>
                || table instanceof QOM.Values<?>;
    }

    /** A table visited as the qualifier of a column ({@code o.order_id}) or an asterisk ({@code o.*}) is not a source. */
    private static boolean isQualifier(QueryPart[] stack) {
        if (stack.length < 2) {
            return false;
        }
        QueryPart parent = stack[stack.length - 2];
        return parent instanceof Field<?> || parent instanceof QualifiedAsterisk;
    }

    /**
     * The names of the common table expressions visible where the part on top of the stack appears: for each
     * enclosing {@code WITH}, all of its expressions, except inside the body of one of them, where a plain
     * {@code WITH} shows only the expressions before it and {@code WITH RECURSIVE} shows all.
     */
    private List<String> commonTableExpressionsInScope(QueryPart[] stack) {
        List<String> names = new ArrayList<>();
        for (int level = 0; level < stack.length; level++) {
            if (!(stack[level] instanceof Select<?> select) || select.$with() == null) {
                continue;
            }
            QOM.With with = select.$with();
            List<? extends CommonTableExpression<?>> expressions = with.$commonTableExpressions();
            int visible = expressions.size();
            int enclosing = enclosingIndex(expressions, stack, level + 1);
            if (enclosing >= 0 && !with.$recursive()) {
                visible = enclosing;
            }
            for (int index = 0; index < visible; index++) {
                names.add(published.rules().normalize(expressions.get(index).getUnqualifiedName()));
            }
        }
        return names;
    }

    private static int enclosingIndex(List<? extends CommonTableExpression<?>> expressions, QueryPart[] stack, int from) {
        for (int level = from; level < stack.length; level++) {
            for (int index = 0; index < expressions.size(); index++) {
                if (stack[level] == expressions.get(index)) {
                    return index;
                }
            }
        }
        return -1;
    }

    private static String displayName(Name reference) {
        return Arrays.stream(reference.parts()).map(Name::last).collect(Collectors.joining("."));
    }

    /** {@code DELETE}, {@code CREATE TABLE}, ... from the jOOQ model type of a parsed statement. */
    static String statementKind(Query query) {
        for (Class<?> type = query.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> contract : type.getInterfaces()) {
                if (contract.getEnclosingClass() == QOM.class) {
                    return words(contract.getSimpleName());
                }
            }
        }
        return words(query.getClass().getSimpleName().replace("Impl", ""));
    }

    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }

    private static PorticoException refused(String message) {
        return new PorticoException(ErrorCode.STATEMENT_REFUSED, message);
    }
}
