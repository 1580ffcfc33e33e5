package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.portico.policies.decision.FieldDecision;
import java.util.List;
import java.util.Map;

/**
 * A relationship field the subject may not follow: one of the fields it joins on, at either end, is denied or
 * masked to the subject, so joining on its raw values would reveal them ({@link RelationshipGuard}).
 *
 * @param field    the relationship field, {@code domain.dataset.field} as the schema names it
 *                 ({@code crm.customers.days})
 * @param key      the key field that withholds it, named the same way ({@code crm.customers.birthDate})
 * @param decision the policy's decision on the key field: denied or masked
 */
public record WithheldRelationship(String field, String key, FieldDecision decision) {

    public WithheldRelationship {
        requireNonNull(field, "field is null");
        requireNonNull(key, "key is null");
        requireNonNull(decision, "decision is null");
    }

    /**
     * The {@code FORBIDDEN} error of the field at {@code path}, with {@code extensions.field} (the relationship
     * field), {@code extensions.rule} and {@code extensions.key} (the key field that withholds it).
     */
    public GraphQLError error(List<Object> path) {
        Map<String, Object> extensions = DatasetAccess.forbiddenExtensions(field, decision.rule());
        extensions.put("key", key);
        return GraphqlErrorBuilder.newError()
                .message("%s is withheld: it joins on %s, which policy rule '%s' %s to you, and a join on it would"
                        + " reveal its values; it is null for every row", field, key, decision.rule(),
                        decision.isDenied() ? "denies" : "masks")
                .path(path)
                .extensions(extensions)
                .build();
    }
}
