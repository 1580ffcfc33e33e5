package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Asterisk;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QualifiedAsterisk;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/**
 * A statement's select list, resolved: one {@link Item} per result column ({@code *} expanded to every column), and
 * how {@code ORDER BY} and {@code GROUP BY} refer to its items by position or alias.
 */
final class SelectList {

    /**
     * One result column.
     *
     * @param label      its name: the alias, else {@link SelectExpression#defaultLabel()}
     * @param alias      the alias as written, or null
     * @param expression what it computes
     * @param fromStar   whether it comes from {@code *}
     */
    record Item(String label, Name alias, SelectExpression expression, boolean fromStar) {
    }

    private final List<Item> items;
    private final boolean star;

    private SelectList(List<Item> items, boolean star) {
        this.items = List.copyOf(items);
        this.star = star;
    }

    static SelectList of(List<? extends SelectFieldOrAsterisk> select, SqlScope scope) {
        List<Item> items = new ArrayList<>();
        boolean star = false;
        for (SelectFieldOrAsterisk part : select) {
            switch (part) {
                case Asterisk asterisk -> {
                    checkNoExcept(asterisk.$except());
                    star = true;
                    addEveryColumn(items, scope);
                }
                case QualifiedAsterisk asterisk -> {
                    checkNoExcept(asterisk.$except());
                    scope.checkAsteriskQualifier(asterisk.$table().getQualifiedName());
                    star = true;
                    addEveryColumn(items, scope);
                }
                case QOM.FieldAlias<?> aliased -> items.add(new Item(aliased.$alias().last(), aliased.$alias(),
                        SelectExpression.of(aliased.$field(), scope), false));
                case Field<?> field -> {
                    SelectExpression expression = SelectExpression.of(field, scope);
                    items.add(new Item(expression.defaultLabel(), null, expression, false));
                }
                default -> throw unsupported("the select item " + quote(part), SelectExpression.SUPPORTED);
            }
        }
        return new SelectList(items, star);
    }

    private static void checkNoExcept(List<?> except) {
        if (!except.isEmpty()) {
            throw unsupported("* EXCEPT (...)", "name the columns, or select *");
        }
    }

    private static void addEveryColumn(List<Item> items, SqlScope scope) {
        for (SqlColumn column : scope.table().columns()) {
            items.add(new Item(column.name(), null, new SelectExpression.Column(column), true));
        }
    }

    List<Item> items() {
        return items;
    }

    boolean star() {
        return star;
    }

    /** Whether the list computes aggregates. */
    boolean aggregates() {
        return items.stream().anyMatch(item -> item.expression() instanceof SelectExpression.Count
                || item.expression() instanceof SelectExpression.Aggregate);
    }

    /**
     * What an {@code ORDER BY} key refers to: a select item by position ({@code ORDER BY 2}) or alias (which comes
     * before a column of the same name, as in SQL), else the expression itself.
     */
    SelectExpression sortKey(Field<?> key, SqlScope scope) {
        Optional<SelectExpression> byPosition = byPosition(key, "ORDER BY");
        if (byPosition.isPresent()) {
            return byPosition.get();
        }
        Optional<SelectExpression> byAlias = byAlias(key);
        return byAlias.orElseGet(() -> SelectExpression.of(key, scope));
    }

    /**
     * What a {@code GROUP BY} key refers to: a select item by position, a column (which comes before an alias of the
     * same name, as in SQL), an alias, else the expression itself.
     */
    SelectExpression groupKey(Field<?> key, SqlScope scope) {
        Optional<SelectExpression> byPosition = byPosition(key, "GROUP BY");
        if (byPosition.isPresent()) {
            return byPosition.get();
        }
        if (key instanceof TableField<?, ?> reference && reference.getQualifiedName().parts().length == 1
                && scope.column(reference.getUnqualifiedName()).isEmpty()) {
            Optional<SelectExpression> byAlias = byAlias(key);
            if (byAlias.isPresent()) {
                return byAlias.get();
            }
        }
        return SelectExpression.of(key, scope);
    }

    private Optional<SelectExpression> byPosition(Field<?> key, String clause) {
        if (!(key instanceof Param<?> param)) {
            return Optional.empty();
        }
        if (!param.isInline()) {
            throw unsupported("a parameter (?) in " + clause, "parameters are values compared with a column in WHERE");
        }
        Object value = param.getValue();
        long position = value instanceof Long number ? number
                : value instanceof BigInteger number && number.bitLength() < 63 ? number.longValue() : -1;
        if (position < 1 || position > items.size()) {
            throw badInput(clause + " " + quote(key) + " is not a position in the select list (1 to " + items.size()
                    + ")");
        }
        return Optional.of(items.get((int) position - 1).expression());
    }

    private Optional<SelectExpression> byAlias(Field<?> key) {
        if (!(key instanceof TableField<?, ?> reference) || reference.getQualifiedName().parts().length != 1) {
            return Optional.empty();
        }
        Name name = reference.getUnqualifiedName();
        return items.stream()
                .filter(item -> item.alias() != null && SqlScope.matches(name, item.alias().last()))
                .map(Item::expression)
                .findFirst();
    }
}
