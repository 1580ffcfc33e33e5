package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The unified GraphQL schema of one registry snapshot: its SDL text and, for every dataset in it, how its
 * connection field binds to a port table.
 *
 * @param registryVersion the version of the snapshot it was composed from
 * @param sdl             the schema text; byte-identical for the same snapshot
 * @param definitions     the same text cut into its top-level definitions, each with its description: parsed one by
 *                        one they give the same schema, so a consumer can reuse what it parsed of an earlier schema
 *                        for the definitions that did not change
 * @param datasets        every dataset in the schema, sorted by domain then dataset
 * @param problems        what composition left out and why
 */
public record ComposedSchema(
        long registryVersion, String sdl, List<String> definitions, List<DatasetBinding> datasets,
        List<CompositionProblem> problems) {

    public ComposedSchema {
        requireNonNull(sdl, "sdl is null");
        definitions = List.copyOf(definitions);
        datasets = List.copyOf(datasets);
        problems = List.copyOf(problems);
    }

    /** The binding of field {@code datasetField} of the root field {@code domain}. */
    public Optional<DatasetBinding> dataset(String domain, String datasetField) {
        return datasets.stream()
                .filter(binding -> binding.domain().equals(domain) && binding.dataset().equals(datasetField))
                .findFirst();
    }

    /** The domains (root fields), sorted. */
    public List<String> domains() {
        return datasets.stream().map(DatasetBinding::domain).distinct().sorted().toList();
    }
}
