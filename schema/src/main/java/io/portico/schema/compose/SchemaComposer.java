package io.portico.schema.compose;

import io.portico.schema.contract.RelationshipContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Composes the unified GraphQL schema of a registry snapshot: one root field per domain, one connection field
 * per dataset with {@code where}, {@code orderBy}, {@code first}/{@code after}, {@code nodes}, {@code edges},
 * {@code pageInfo} and {@code totalCount}.
 *
 * <p>Every field of a dataset's node type is nullable, whatever the contract says, so that a field-level policy can
 * answer a withheld field as {@code null} plus an error without nulling its row and, through the non-null
 * {@code nodes} list, the whole page (GitHub's and Shopify's APIs do the same). A {@code required} field says its
 * promise in its description ({@link #REQUIRED_FIELD_NOTE}); the port's Arrow schema and the change rules keep it too.
 * Everything else keeps its nullability: list elements and struct fields inside a field's type, connections, edges,
 * page info, and the {@code where}/{@code orderBy} inputs.
 *
 * <p>Foreign keys declared in contracts ({@link RelationshipContract}, within a domain or across domains) become
 * relationship fields in both directions when both ends are in the schema ({@link RelationshipBinding}): a
 * nullable object field on the node type holding the key ({@code SalesOrders.customer}) and a nullable connection
 * field on the referenced node type ({@code CrmCustomers.orders}). Naming: the key field's name without its
 * trailing {@code Id} ({@code customer_id} -> {@code customer}), else the target dataset's name; the reverse field
 * is named after the dataset holding the key ({@code orders}), prefixed with its domain when that collides
 * ({@code salesOrders}). Only current majors get relationship fields: an older major served beside its successor
 * has none. A foreign key into a classified field that is not its target's primary key gets no field in either
 * direction ({@link RelationshipKeyRule}), whichever end was registered first. A relationship whose other end is not registered yields no field and no problem: it appears when the
 * other end is registered and disappears when it is retired.
 *
 * <p>A pure function of the snapshot: the same snapshot always yields byte-identical SDL. A field, dataset or
 * port that cannot be exposed (its live schema lacks a declared column, an Arrow type has no GraphQL mapping, a
 * name is not valid GraphQL or collides) is left out and reported as a {@link CompositionProblem}; the rest of
 * the mesh stays in the schema.
 */
public final class SchemaComposer {

    /** The page size of a connection field when the query does not give {@code first}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** The paragraph a {@code required} field's GraphQL description ends with: the contract's promise. */
    public static final String REQUIRED_FIELD_NOTE =
            "Always present in the data; null only where a policy withholds it.";

    private SchemaComposer() {
    }

    /** The schema of {@code snapshot} under the {@linkplain RelationshipKeyRule#DEFAULT default} key rule. */
    public static ComposedSchema compose(RegistrySnapshot snapshot) {
        return compose(snapshot, RelationshipKeyRule.DEFAULT);
    }

    /**
     * The schema of {@code snapshot}; a foreign key {@code keyRule} refuses (into a classified field that is not its
     * target's primary key) is left out, in both directions, as a {@link CompositionProblem.Kind#CLASSIFIED_KEY}
     * problem.
     */
    public static ComposedSchema compose(RegistrySnapshot snapshot, RelationshipKeyRule keyRule) {
        List<CompositionProblem> problems = new ArrayList<>();
        Map<String, List<BoundDataset>> datasetsByDomain = DatasetBinder.bindDatasets(snapshot, problems);
        List<RelationshipBinding> relationships = RelationshipBinder.bindRelationships(datasetsByDomain, keyRule, problems);
        SdlRenderer renderer = new SdlRenderer(datasetsByDomain, relationships);
        SdlWriter sdl = renderer.render(snapshot.version());
        List<DatasetBinding> bindings = datasetsByDomain.values().stream()
                .flatMap(List::stream)
                .map(BoundDataset::binding)
                .toList();
        return new ComposedSchema(snapshot.version(), sdl.toString(), sdl.definitions(), bindings, relationships,
                problems, bindings.stream().filter(renderer::aggregates).toList(), renderer.aggregatedRelationships());
    }

}
