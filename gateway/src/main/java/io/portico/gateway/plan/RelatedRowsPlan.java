package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.FieldBinding;
import java.util.List;

/**
 * The plan of a relationship field for a batch of parent rows ({@link QueryPlanner#planRelated}): the statements
 * to send to the target's port, one per chunk of keys, and how to read their rows back.
 *
 * @param shape           the columns, ordering, page size (per key) and cursors of the rows; its page query is
 *                        the first statement
 * @param matchFields     the target fields compared with the keys; their values are in every row, unmasked
 * @param statements      the rows, one statement per chunk of keys; empty when there are no keys
 * @param countStatements per chunk, the number of matching rows of each key ({@link #matchFields()} then
 *                        {@link QueryPlanner#COUNT_COLUMN}); empty unless {@code totalCount} is selected
 */
public record RelatedRowsPlan(
        QueryPlan shape, List<FieldBinding> matchFields, List<PortQuery> statements, List<PortQuery> countStatements) {

    public RelatedRowsPlan {
        requireNonNull(shape, "shape is null");
        matchFields = List.copyOf(matchFields);
        statements = List.copyOf(statements);
        countStatements = List.copyOf(countStatements);
    }
}
