package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import io.portico.gateway.plan.JoinPlanner;
import io.portico.gateway.plan.JoinRequest;
import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.plan.JoinRequest.JoinType;
import io.portico.gateway.plan.JoinRequest.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Name;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

/**
 * The tables of a join ({@code FROM a x JOIN b y ON x.k = y.k [LEFT JOIN c z ON ...]}) and the names that refer to
 * their columns: a column qualified by a table's alias (or, without one, by its name), or unqualified when exactly
 * one of the tables has it. Each {@code ON} is a conjunction of equalities of a column of the table it joins with a
 * column of a table before it. All tables must be served by one port: a join is pushed down whole.
 */
final class JoinScope implements ColumnScope {

    /** What a join takes, for refusals. */
    static final String SUPPORTED_JOIN = "a join reads tables of one port: FROM <domain>.<a> x [LEFT] JOIN"
            + " <domain>.<b> y ON x.<col> = y.<col> [AND ...] [[LEFT] JOIN ...]";

    /** A joined table: its scope (table and alias), how it is joined and on which columns (none for the first). */
    record Source(SqlScope scope, JoinType type, List<KeyPair> on) {
    }

    /** A column reference resolved to its table. */
    record Reference(JoinField field, SqlColumn column) {
    }

    private final List<Source> sources;

    private JoinScope(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Whether {@code select} reads a join. */
    static boolean isJoin(Select<?> select) {
        List<? extends Table<?>> from = select.$from();
        return from.size() == 1 && from.getFirst() instanceof QOM.JoinTable<?, ?>;
    }

    /** The scope of {@code select}'s {@code FROM}, a join, resolved against {@code tables}. */
    static JoinScope of(Select<?> select, SqlTables tables) {
        List<Table<?>> leaves = new ArrayList<>();
        List<QOM.JoinTable<?, ?>> joins = new ArrayList<>();
        flatten(select.$from().getFirst(), leaves, joins);
        List<SqlScope> scopes = new ArrayList<>();
        Set<String> qualifiers = new HashSet<>();
        for (Table<?> leaf : leaves) {
            SqlScope scope = scope(leaf, tables);
            if (!qualifiers.add(scope.qualifierName().toLowerCase(Locale.ROOT))) {
                throw badInput("the join names " + scope.qualifierName() + " twice; give each table its own alias:"
                        + " FROM <domain>.<a> x JOIN <domain>.<b> y ON ...");
            }
            scopes.add(scope);
        }
        JoinPlanner.checkOnePort(scopes.stream().map(scope -> scope.table().binding()).toList(),
                scopes.stream().map(scope -> scope.table().qualifiedName()).toList());
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(scopes.getFirst(), null, List.of()));
        JoinScope partial = new JoinScope(sources);
        for (int index = 1; index < scopes.size(); index++) {
            QOM.JoinTable<?, ?> join = joins.get(index - 1);
            sources.add(new Source(scopes.get(index), type(join), List.of()));
            partial = new JoinScope(sources);
            List<KeyPair> on = partial.on(((QOM.QualifiedJoin<?, ?>) join).$on(), index);
            sources.set(index, new Source(scopes.get(index), type(join), on));
        }
        return new JoinScope(sources);
    }

    /** Walks a left-deep tree of joins: the tables in {@code FROM} order, and the join of each table after the first. */
    private static void flatten(Table<?> from, List<Table<?>> leaves, List<QOM.JoinTable<?, ?>> joins) {
        Deque<QOM.JoinTable<?, ?>> pending = new ArrayDeque<>();
        Table<?> left = from;
        while (left instanceof QOM.JoinTable<?, ?> join) {
            checkJoin(join);
            pending.push(join);
            left = join.$table1();
        }
        leaves.add(left);
        while (!pending.isEmpty()) {
            QOM.JoinTable<?, ?> join = pending.pop();
            if (join.$table2() instanceof QOM.JoinTable<?, ?>) {
                throw unsupported("a nested join (a JOIN (b JOIN c ...))", SUPPORTED_JOIN);
            }
            leaves.add(join.$table2());
            joins.add(join);
        }
    }

    private static void checkJoin(QOM.JoinTable<?, ?> join) {
        type(join);
        QOM.QualifiedJoin<?, ?> qualified = (QOM.QualifiedJoin<?, ?>) join;
        if (!qualified.$using().isEmpty()) {
            throw unsupported("JOIN ... USING (...)", "write ON x.<col> = y.<col>; " + SUPPORTED_JOIN);
        }
        if (qualified.$on() == null) {
            throw unsupported("a JOIN without ON", SUPPORTED_JOIN);
        }
        if (join instanceof QOM.LeftJoin<?> left && !left.$partitionBy2().isEmpty()) {
            throw unsupported("a partitioned outer join", SUPPORTED_JOIN);
        }
    }

    /** The type of an inner or left join; every other kind is refused. */
    private static JoinType type(QOM.JoinTable<?, ?> join) {
        if (join instanceof QOM.Join<?>) {
            return JoinType.INNER;
        }
        if (join instanceof QOM.LeftJoin<?>) {
            return JoinType.LEFT;
        }
        String kind = join.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
                .toUpperCase(Locale.ROOT);
        throw unsupported(kind.isBlank() ? "this kind of join" : kind, "only JOIN (inner) and LEFT JOIN with ON are"
                + " pushed down; " + SUPPORTED_JOIN);
    }

    private static SqlScope scope(Table<?> leaf, SqlTables tables) {
        Table<?> source = leaf;
        Name alias = null;
        if (source instanceof QOM.TableAlias<?> aliased) {
            alias = aliased.$alias();
            source = aliased.$table();
        }
        if (!(source instanceof TableImpl<?>) || source instanceof QOM.DerivedTable<?>) {
            throw unsupported("joining " + quote(source), SUPPORTED_JOIN);
        }
        return new SqlScope(SqlScope.table(source.getQualifiedName(), tables), alias);
    }

    /** The equalities of the {@code ON} of the table at {@code index}, each with a column of a table before it. */
    private List<KeyPair> on(Condition condition, int index) {
        List<KeyPair> pairs = new ArrayList<>();
        Deque<Condition> pending = new ArrayDeque<>();
        pending.push(condition);
        while (!pending.isEmpty()) {
            Condition next = pending.pop();
            if (next instanceof QOM.And and) {
                pending.push(and.$arg2());
                pending.push(and.$arg1());
                continue;
            }
            if (!(next instanceof QOM.Eq<?> eq) || !(eq.$arg1() instanceof TableField<?, ?> left)
                    || !(eq.$arg2() instanceof TableField<?, ?> right)) {
                throw unsupported("ON " + quote(next), "ON takes equalities of a column of the joined table with a"
                        + " column of a table before it, combined with AND; filter rows with WHERE");
            }
            Reference first = reference(left);
            Reference second = reference(right);
            Reference joined = first.field().source() == index ? first : second;
            Reference earlier = joined == first ? second : first;
            if (joined.field().source() != index || earlier.field().source() >= index) {
                throw unsupported("ON " + quote(next), "each ON compares a column of the table it joins ("
                        + sources.get(index).scope().qualifierName() + ") with a column of a table before it");
            }
            pairs.add(new KeyPair(earlier.field(), joined.field()));
        }
        return pairs;
    }

    List<Source> sources() {
        return sources;
    }

    @Override
    public Resolved resolve(TableField<?, ?> reference) {
        Reference resolved = reference(reference);
        return new Resolved(resolved.column(), resolved.field().key());
    }

    /** The column {@code reference} names, and its table. */
    Reference reference(TableField<?, ?> reference) {
        Name[] parts = reference.getQualifiedName().parts();
        Name name = parts[parts.length - 1];
        Name[] qualifier = Arrays.copyOf(parts, parts.length - 1);
        if (qualifier.length > 0) {
            int source = sourceNamed(qualifier, reference);
            SqlScope scope = sources.get(source).scope();
            SqlColumn column = scope.column(name).orElseThrow(() -> badInput(scope.table().qualifiedName()
                    + " has no column " + SqlScope.display(name) + "; its columns: " + SqlErrors.list(
                    scope.table().columns().stream().map(SqlColumn::name).toList())));
            return new Reference(new JoinField(source, column.field().graphQLName()), column);
        }
        List<Reference> candidates = new ArrayList<>();
        for (int source = 0; source < sources.size(); source++) {
            Optional<SqlColumn> column = sources.get(source).scope().column(name);
            if (column.isPresent()) {
                candidates.add(new Reference(new JoinField(source, column.get().field().graphQLName()),
                        column.get()));
            }
        }
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        if (candidates.isEmpty()) {
            throw badInput("no table of the join has a column " + SqlScope.display(name) + " (tables: "
                    + SqlErrors.list(sources.stream().map(source -> source.scope().table().qualifiedName()).toList())
                    + ")");
        }
        throw badInput("column " + SqlScope.display(name) + " is ambiguous: " + SqlErrors.list(candidates.stream()
                .map(candidate -> sources.get(candidate.field().source()).scope().qualifierName()).toList())
                + " have it; qualify it (x." + SqlScope.display(name) + ")");
    }

    /** The index of the table {@code qualifier} names ({@code x} in {@code x.col} or {@code x.*}). */
    int sourceNamed(Name[] qualifier, Object reference) {
        for (int source = 0; source < sources.size(); source++) {
            if (sources.get(source).scope().isNamedBy(qualifier)) {
                return source;
            }
        }
        throw badInput(quote(reference) + " is qualified by " + SqlScope.displayAll(qualifier) + ", which names no"
                + " table of the join (" + SqlErrors.list(sources.stream().map(source -> source.scope()
                .qualifierName()).toList()) + ")");
    }
}
