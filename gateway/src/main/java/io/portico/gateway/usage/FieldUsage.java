package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Who read one field of one dataset over a window.
 *
 * @param dataset  the dataset's URN (a dataset of several major versions has an entry per version)
 * @param field    the field's contract name
 * @param reads    requests that read it, over every subject
 * @param subjects who read it, most reads first, then by id
 */
public record FieldUsage(String dataset, String field, long reads, List<SubjectUsage> subjects) {

    public FieldUsage {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(field, "field is null");
        subjects = List.copyOf(subjects);
    }
}
