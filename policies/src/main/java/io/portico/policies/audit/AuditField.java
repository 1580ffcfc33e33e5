package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.FieldDecision;
import io.portico.policies.model.Effect;

/**
 * The decision on one field a request read.
 *
 * @param field  the field's contract name
 * @param effect allow, deny or mask
 * @param rule   the rule (or default) that decided
 * @param mask   the mask's kind ({@code redact}, {@code constant}...) for a masked field, else null; a constant's
 *               value is not recorded
 */
public record AuditField(String field, Effect effect, String rule, String mask) {

    public AuditField {
        requireNonNull(field, "field is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(rule, "rule is null");
    }

    public static AuditField of(String field, FieldDecision decision) {
        return new AuditField(field, decision.effect(), decision.rule(),
                decision.mask() == null ? null : decision.mask().kind().policyName());
    }
}
