package io.portico.flight.draft;

import static java.util.Objects.requireNonNull;

/**
 * A column that looks personal, and why: a suggestion for the team to review, never a decision.
 *
 * @param category       what it looks like
 * @param classification the ODCS classification suggested ({@code confidential}, {@code restricted})
 * @param reason         what the suggestion rests on: the column's name, the values sampled, or both
 */
public record ClassificationSuggestion(PersonalDataCategory category, String classification, String reason) {

    public ClassificationSuggestion {
        requireNonNull(category, "category is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(reason, "reason is null");
    }
}
