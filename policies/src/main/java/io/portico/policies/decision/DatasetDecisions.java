package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions for one dataset and one subject: an effect per field and the row filter.
 *
 * @param urn        the dataset's URN ({@code Urns.dataset(contract, datasetName)})
 * @param known      false for a dataset the registry snapshot did not hold (see {@link Decisions#dataset})
 * @param fields     per field contract name, in the contract's order, the decision
 * @param fallback   the decision for a field name the contract does not have: the policy set's unmatched default
 * @param rowFilters every row-filter rule that applies, in rule order
 * @param rowFilter  the rows the subject may see: the bound predicates of {@code rowFilters} combined with
 *                   {@code and} ({@link RowPredicate#TRUE} when none applies); {@link RowPredicate#FALSE} when a
 *                   row filter could not be applied (see {@link Decisions#problems()})
 */
public record DatasetDecisions(
        String urn,
        boolean known,
        Map<String, FieldDecision> fields,
        FieldDecision fallback,
        List<AppliedRowFilter> rowFilters,
        RowPredicate rowFilter) {

    public DatasetDecisions {
        requireNonNull(urn, "urn is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        requireNonNull(fallback, "fallback is null");
        rowFilters = List.copyOf(rowFilters);
        requireNonNull(rowFilter, "rowFilter is null");
    }

    /**
     * The decision for a field, by its contract name ({@code FieldContract.name()}, e.g. {@code birth_date}); for a
     * name the contract does not have, {@link #fallback()}.
     */
    public FieldDecision field(String contractFieldName) {
        FieldDecision decision = fields.get(contractFieldName);
        return decision == null ? fallback : decision;
    }

    /** The contract names of the fields with that effect, in contract order. */
    public List<String> fieldsWith(Effect effect) {
        List<String> names = new ArrayList<>();
        fields.forEach((name, decision) -> {
            if (decision.effect() == effect) {
                names.add(name);
            }
        });
        return names;
    }

    /** Whether any row filter restricts the rows (the combined predicate is not {@link RowPredicate#TRUE}). */
    public boolean filtersRows() {
        return !rowFilter.equals(RowPredicate.TRUE);
    }
}
