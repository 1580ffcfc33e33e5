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
 * @param relationships   every relationship field in the schema, sorted by owner type then field name
 * @param problems        what composition left out and why
 * @param aggregated      the datasets with an aggregate field ({@link SchemaNames#aggregateField}) beside their
 *                        connection, in {@code datasets} order
 * @param aggregatedRelationships the one-to-many relationships with an aggregate field ({@code <field>Aggregate})
 *                        beside theirs
 */
public record ComposedSchema(
        long registryVersion, String sdl, List<String> definitions, List<DatasetBinding> datasets,
        List<RelationshipBinding> relationships, List<CompositionProblem> problems,
        List<DatasetBinding> aggregated, List<RelationshipBinding> aggregatedRelationships) {

    public ComposedSchema {
        requireNonNull(sdl, "sdl is null");
        definitions = List.copyOf(definitions);
        datasets = List.copyOf(datasets);
        relationships = List.copyOf(relationships);
        problems = List.copyOf(problems);
        aggregated = List.copyOf(aggregated);
        aggregatedRelationships = List.copyOf(aggregatedRelationships);
    }

    /** Whether the dataset has an aggregate field beside its connection field. */
    public boolean hasAggregate(DatasetBinding dataset) {
        return aggregated.contains(dataset);
    }

    /** The relationship fields of the node type of {@code domain}.{@code datasetField}, sorted by field name. */
    public List<RelationshipBinding> relationships(String domain, String datasetField) {
        return relationships.stream()
                .filter(relationship -> relationship.ownerDomain().equals(domain)
                        && relationship.ownerDataset().equals(datasetField))
                .toList();
    }

    /** The relationship field {@code fieldName} of the node type of {@code domain}.{@code datasetField}. */
    public Optional<RelationshipBinding> relationship(String domain, String datasetField, String fieldName) {
        return relationships(domain, datasetField).stream()
                .filter(relationship -> relationship.fieldName().equals(fieldName))
                .findFirst();
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
