package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.FieldDecision;

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

    /** What the caller is told: the relationship is withheld, because of which key and rule. */
    public String message() {
        return ("%s is withheld: it joins on %s, which policy rule '%s' %s to you, and a join on it would reveal its"
                + " values; it is null for every row").formatted(field, key, decision.rule(),
                decision.isDenied() ? "denies" : "masks");
    }
}
