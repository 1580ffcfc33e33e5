package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import io.portico.gateway.plan.JoinRequest;
import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.plan.RequestFilter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Asterisk;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QualifiedAsterisk;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/**
 * Translates a {@code SELECT} over a join of tables of one port ({@link JoinScope}) into a {@link SqlRead.Join}:
 * columns ({@code x.col}, {@code col AS label}, {@code x.*}, {@code *}), {@code WHERE} over columns of any of the
 * tables (as for one table, {@link WhereTranslator}), {@code ORDER BY} columns, positions or aliases,
 * {@code LIMIT} and {@code OFFSET}. Aggregates and {@code GROUP BY} over a join are refused.
 */
final class JoinTranslator {

    private static final String SELECTS = "a join selects columns (x.col [AS label]), x.* or *; aggregates and"
            + " GROUP BY over a join are not pushed down: aggregate one table, or select the joined rows";

    private final SqlTables tables;

    JoinTranslator(SqlTables tables) {
        this.tables = tables;
    }

    SqlRead.Join translate(Select<?> select, Placeholders placeholders) {
        if (!select.$groupBy().isEmpty()) {
            throw unsupported("GROUP BY over a join", SELECTS);
        }
        JoinScope scope = JoinScope.of(select, tables);
        List<SqlRead.JoinOutput> outputs = outputs(select.$select(), scope);
        RequestFilter where = new WhereTranslator(scope, placeholders).translate(select.$where());
        List<JoinRequest.Sort> orderBy = new ArrayList<>();
        for (SortField<?> sort : select.$orderBy()) {
            SqlRead.JoinOutput key = sortKey(sort.$field(), outputs, scope);
            SelectTranslator.checkSortable(key.column());
            JoinRequest.Sort sortKey = new JoinRequest.Sort(key.field(), SelectTranslator.direction(sort));
            if (orderBy.stream().noneMatch(known -> known.field().equals(key.field()))) {
                orderBy.add(sortKey);
            }
        }
        OptionalLong limit = SelectTranslator.count(select.$limit(), "LIMIT");
        long offset = SelectTranslator.count(select.$offset(), "OFFSET").orElse(0);
        List<JoinRequest.Source> sources = new ArrayList<>();
        List<SqlTable> joined = new ArrayList<>();
        for (JoinScope.Source source : scope.sources()) {
            sources.add(new JoinRequest.Source(source.scope().table().binding(), source.type(), source.on()));
            joined.add(source.scope().table());
        }
        JoinRequest request = new JoinRequest(sources, outputs.stream().map(SqlRead.JoinOutput::field).toList(),
                where, orderBy, offset, limit);
        return new SqlRead.Join(joined, request, outputs);
    }

    private static List<SqlRead.JoinOutput> outputs(List<? extends SelectFieldOrAsterisk> select, JoinScope scope) {
        List<SqlRead.JoinOutput> outputs = new ArrayList<>();
        for (SelectFieldOrAsterisk part : select) {
            switch (part) {
                case Asterisk asterisk -> {
                    checkNoExcept(asterisk.$except());
                    for (int source = 0; source < scope.sources().size(); source++) {
                        addEveryColumn(outputs, scope, source);
                    }
                }
                case QualifiedAsterisk asterisk -> {
                    checkNoExcept(asterisk.$except());
                    Name qualifier = asterisk.$table().getQualifiedName();
                    addEveryColumn(outputs, scope, scope.sourceNamed(qualifier.parts(), qualifier + ".*"));
                }
                case QOM.FieldAlias<?> aliased when aliased.$field() instanceof TableField<?, ?> reference -> {
                    JoinScope.Reference column = scope.reference(reference);
                    outputs.add(new SqlRead.JoinOutput(aliased.$alias().last(), column.field(), column.column(),
                            false));
                }
                case TableField<?, ?> reference -> {
                    JoinScope.Reference column = scope.reference(reference);
                    outputs.add(new SqlRead.JoinOutput(column.column().name(), column.field(), column.column(),
                            false));
                }
                default -> throw unsupported("the select item " + quote(part), SELECTS);
            }
        }
        return outputs;
    }

    private static void checkNoExcept(List<?> except) {
        if (!except.isEmpty()) {
            throw unsupported("* EXCEPT (...)", "name the columns, or select * or x.*");
        }
    }

    private static void addEveryColumn(List<SqlRead.JoinOutput> outputs, JoinScope scope, int source) {
        for (SqlColumn column : scope.sources().get(source).scope().table().columns()) {
            outputs.add(new SqlRead.JoinOutput(column.name(), new JoinField(source, column.field().graphQLName()),
                    column, true));
        }
    }

    /**
     * What an {@code ORDER BY} key refers to: an output by position ({@code ORDER BY 2}) or alias (before a column of
     * the same name, as in SQL), else a column of a table of the join.
     */
    private static SqlRead.JoinOutput sortKey(Field<?> key, List<SqlRead.JoinOutput> outputs, JoinScope scope) {
        if (key instanceof Param<?> param) {
            if (!param.isInline()) {
                throw unsupported("a parameter (?) in ORDER BY", "parameters are values compared with a column in"
                        + " WHERE");
            }
            Object value = param.getValue();
            long position = value instanceof Long number ? number
                    : value instanceof BigInteger number && number.bitLength() < 63 ? number.longValue() : -1;
            if (position < 1 || position > outputs.size()) {
                throw badInput("ORDER BY " + quote(key) + " is not a position in the select list (1 to "
                        + outputs.size() + ")");
            }
            return outputs.get((int) position - 1);
        }
        if (!(key instanceof TableField<?, ?> reference)) {
            throw unsupported("ORDER BY " + quote(key), "a join is ordered by columns, select list positions or"
                    + " aliases");
        }
        if (reference.getQualifiedName().parts().length == 1) {
            Name name = reference.getUnqualifiedName();
            Optional<SqlRead.JoinOutput> byAlias = outputs.stream()
                    .filter(output -> !output.fromStar() && SqlScope.matches(name, output.label()))
                    .findFirst();
            if (byAlias.isPresent()) {
                return byAlias.get();
            }
        }
        JoinScope.Reference column = scope.reference(reference);
        return new SqlRead.JoinOutput(column.column().name(), column.field(), column.column(), false);
    }
}
