package io.portico.gateway.graphql;

import io.portico.schema.compose.RelationshipKeyRule;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relationship fields ({@code order.customer}, {@code customer.orders}; docs/relationships.md), under
 * {@code portico.relationships}: resolved in batches, one statement per target port per level of the query with the distinct keys of all parents.
 *
 * @param keysPerStatement    the most keys in one statement ({@code key IN (?, ...)}); more keys make more
 *                            statements, sent in parallel. Bounded by what ports accept as bind parameters.
 * @param openClassifications the contract classifications a foreign key may point at freely (case-insensitive);
 *                            a foreign key into a field of any other classification must be exactly its
 *                            dataset's primary key, else registration refuses it and composition leaves it out
 *                            ({@link RelationshipKeyRule})
 */
@ConfigurationProperties("portico.relationships")
public record RelationshipsProperties(
        @DefaultValue("1000") int keysPerStatement,
        @DefaultValue("public") List<String> openClassifications) {

    public RelationshipsProperties {
        if (keysPerStatement < 1 || keysPerStatement > 30_000) {
            throw new IllegalArgumentException(
                    "portico.relationships.keys-per-statement must be between 1 and 30000, was " + keysPerStatement);
        }
        openClassifications = List.copyOf(openClassifications);
    }

    /** The rule foreign keys are registered and composed under. */
    public RelationshipKeyRule keyRule() {
        return new RelationshipKeyRule(Set.copyOf(openClassifications));
    }
}

