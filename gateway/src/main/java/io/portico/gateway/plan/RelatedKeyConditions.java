package io.portico.gateway.plan;

import io.portico.policies.filter.RowPredicate;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;

/**
 * The two SQL forms of a row filter that follows a relationship ({@link RowPredicate.RelatedIn}): "the row's key
 * is among the keys of the related rows the subject may see".
 *
 * <ul>
 *   <li>{@link #semiJoin}, when the related dataset is served by the same port: one statement,
 *       {@code "customer_id" IN (SELECT "customer_id" FROM "customers" WHERE <its filter> AND "customer_id" IS NOT
 *       NULL)}, the related filter's values bind parameters like the rest;</li>
 *   <li>{@link #keyIn}, with the allowed keys read from the related dataset's port first:
 *       {@code "customer_id" IN (17, 42, ...)}, the keys inlined as literals by jOOQ in the port's dialect (a
 *       statement with thousands of parameters is far costlier to send than its literals, and the keys come from a
 *       port, not from the request). Integer keys for a DuckDB or PostgreSQL port go as one array instead
 *       ({@link IntegerKeyArray}): a database parses an IN list of 10,000 literals as 10,000 expressions (DuckDB:
 *       about 160 ms to prepare and 130 ms to run), one array constant in a few milliseconds.</li>
 * </ul>
 *
 * Composite keys compare as rows in the semi-join ({@code ("a", "b") IN (SELECT ...)}) and as
 * {@code ("a" = 1 AND "b" = 'x') OR ...} in a key list. A key field a dataset does not expose leaves the condition
 * unrenderable (empty): the translator then admits no row.
 */
public final class RelatedKeyConditions {

    private RelatedKeyConditions() {
    }

    /**
     * The exposed fields of {@code binding} named by contract field names, in order; empty when one is not exposed.
     */
    public static Optional<List<FieldBinding>> fields(DatasetBinding binding, List<String> contractFields) {
        List<FieldBinding> fields = new ArrayList<>(contractFields.size());
        for (String name : contractFields) {
            Optional<FieldBinding> field = RowFilterTranslator.field(binding, name);
            if (field.isEmpty()) {
                return Optional.empty();
            }
            fields.add(field.get());
        }
        return Optional.of(fields);
    }

    /**
     * {@code key IN (SELECT target_key FROM target WHERE targetFilter AND target_key IS NOT NULL)}, for a related
     * dataset of the same port and dialect.
     *
     * @param owner        the filtered dataset
     * @param test         the related test
     * @param target       the related dataset
     * @param targetFilter the related dataset's row filter, rendered over its columns
     */
    public static Optional<Condition> semiJoin(DatasetBinding owner, RowPredicate.RelatedIn test,
            DatasetBinding target, Condition targetFilter) {
        Optional<List<FieldBinding>> keys = fields(owner, test.keyFields());
        Optional<List<FieldBinding>> targetKeys = fields(target, test.targetKeyFields());
        if (keys.isEmpty() || targetKeys.isEmpty()) {
            return Optional.empty();
        }
        List<Field<Object>> targetColumns = columns(targetKeys.get());
        Condition where = targetFilter.and(DSL.and(targetColumns.stream().map(Field::isNotNull).toList()));
        List<Field<Object>> columns = columns(keys.get());
        if (columns.size() == 1) {
            return Optional.of(columns.getFirst().in(DSL.select(targetColumns.getFirst())
                    .from(DSL.table(DSL.name(target.table()))).where(where)));
        }
        return Optional.of(DSL.row(columns).in(DSL.select(targetColumns)
                .from(DSL.table(DSL.name(target.table()))).where(where)));
    }

    /**
     * {@code key IN (<keys>)} with the keys inlined as literals of the key columns' types; {@code false} for no
     * key. Empty when a key field is not exposed or a key does not fit its column (then the test cannot be
     * rendered: leaving the key out would widen a negated test).
     *
     * @param keys the allowed keys, each in key field order, none null
     */
    public static Optional<Condition> keyIn(DatasetBinding owner, List<String> keyFields, List<List<Object>> keys) {
        Optional<List<FieldBinding>> fields = fields(owner, keyFields);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (keys.isEmpty()) {
            return Optional.of(DSL.falseCondition());
        }
        List<Field<Object>> columns = columns(fields.get());
        try {
            if (columns.size() == 1) {
                Field<Object> column = columns.getFirst();
                List<Field<Object>> literals = keys.stream().map(key -> literal(column, key.getFirst())).toList();
                return Optional.of(IntegerKeyArray.isIntegral(column)
                        ? new IntegerKeyArray(column, keys.stream().map(key -> ((Number) column.getDataType()
                                .convert(key.getFirst())).longValue()).toList(), column.in(literals))
                        : column.in(literals));
            }
            // (a = 1 AND b = 'x') OR ...: row-valued IN lists are not read alike by every database (H2 converts the
            // row's values to the first column's type), this form is, as in QueryPlanner's relationship batches.
            List<Condition> alternatives = new ArrayList<>(keys.size());
            for (List<Object> key : keys) {
                List<Condition> parts = new ArrayList<>(columns.size());
                for (int index = 0; index < columns.size(); index++) {
                    parts.add(columns.get(index).eq(literal(columns.get(index), key.get(index))));
                }
                alternatives.add(DSL.and(parts));
            }
            return Optional.of(DSL.or(alternatives));
        } catch (DataTypeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<Field<Object>> columns(List<FieldBinding> fields) {
        return fields.stream().map(SqlColumns::field).toList();
    }

    /** A literal of the column's type, rendered inline by jOOQ (escaped for the dialect). */
    private static Field<Object> literal(Field<Object> column, Object value) {
        Object converted = column.getDataType().convert(value);
        if (converted == null) {
            throw new IllegalArgumentException("key " + value + " does not fit " + column.getName());
        }
        return DSL.inline(converted, column.getDataType());
    }
}
