package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.FieldBinding;
import java.util.List;

/**
 * The plan of a one-to-many relationship's aggregate field for a batch of parents: the statements (one per chunk of
 * parent keys, sent at once) and how to read them: every statement has the columns of {@code shape}, whose first
 * {@link AggregatePlan#matchColumns()} columns hold the parent key each row belongs to.
 *
 * @param shape       the columns of every statement (its statement is the first one, for diagnostics)
 * @param matchFields the target's fields compared with the parent keys, in key order
 * @param statements  one statement per chunk of keys
 */
public record RelatedAggregatePlan(AggregatePlan shape, List<FieldBinding> matchFields, List<PortQuery> statements) {

    public RelatedAggregatePlan {
        requireNonNull(shape, "shape is null");
        matchFields = List.copyOf(matchFields);
        statements = List.copyOf(statements);
    }
}
