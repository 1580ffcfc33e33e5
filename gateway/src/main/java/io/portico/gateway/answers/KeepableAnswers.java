package io.portico.gateway.answers;

import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLNamedType;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.port.CachedReads;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which executed answers may be kept whole: only those that depend on nothing but what {@link AnswerKey} holds and
 * port answers the result cache keeps. An answer is kept when all of these hold, else it is not:
 *
 * <ul>
 *   <li>it has data, and no error and no extension;</li>
 *   <li>its operation is a query whose root fields are all domain fields ({@code sales { ... }}) or
 *       {@code __typename}: the catalog, usage, health and registry fields read what changes without a port
 *       answer changing, so an answer that selects one is never kept;</li>
 *   <li>every port call of the request was served from a port answer the result cache kept, and each of those is
 *       still served ({@link CachedReads});</li>
 *   <li>every dataset the answer depends on ({@link RequestPolicy#datasetsConsulted()}) is served by a port whose
 *       answers were among those (a port whose answers are not cached reports none, so its datasets fail this);</li>
 *   <li>no row filter of the request follows a relationship (its allowed keys are read and kept apart from the
 *       request's own port calls, so their freshness is not known here).</li>
 * </ul>
 */
final class KeepableAnswers {

    private static final String TYPENAME = "__typename";

    private KeepableAnswers() {
    }

    /** Whether {@code result}, the answer to the request of {@code key} under {@code policy}, may be kept. */
    static boolean keepable(AnswerKey key, RequestPolicy policy, ExecutionResult result) {
        if (!result.getErrors().isEmpty() || !result.isDataPresent()
                || (result.getExtensions() != null && !result.getExtensions().isEmpty())) {
            return false;
        }
        if (policy.operation().isEmpty() || policy.followsRelationships()) {
            return false;
        }
        CachedReads reads = policy.cachedReads();
        List<CachedReads.Source> sources = reads.sources();
        if (reads.anyNotKept() || sources.isEmpty()) {
            return false;
        }
        Set<String> cachedPorts = new HashSet<>();
        for (CachedReads.Source source : sources) {
            if (!source.stillServed()) {
                return false;
            }
            cachedPorts.add(source.portId());
        }
        for (Map.Entry<String, RegistrySnapshot> dataset : policy.datasetsConsulted().entrySet()) {
            String portId = portOf(dataset.getValue(), dataset.getKey());
            if (portId == null || !cachedPorts.contains(portId)) {
                return false;
            }
        }
        return onlyDomainFields(key);
    }

    /** The id of the port serving dataset {@code urn} in {@code snapshot}; null when none does. */
    private static String portOf(RegistrySnapshot snapshot, String urn) {
        for (PortSnapshot port : snapshot.ports()) {
            for (DatasetContract dataset : port.contract().datasets()) {
                if (Urns.dataset(port.contract(), dataset.name()).equals(urn)) {
                    return port.contract().id();
                }
            }
        }
        return null;
    }

    /** Whether the request's operation is a query selecting only domain fields (and {@code __typename}) at its root. */
    private static boolean onlyDomainFields(AnswerKey key) {
        Document document;
        try {
            document = Parser.parse(key.document());
        } catch (RuntimeException e) {
            return false;
        }
        OperationDefinition operation = operation(document, key.operationName());
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class)
                .forEach(fragment -> fragments.put(fragment.getName(), fragment));
        return domainFieldsOnly(operation.getSelectionSet(), fragments, key.schema(), new HashSet<>());
    }

    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null || name.isEmpty()) {
            return operations.size() == 1 ? operations.getFirst() : null;
        }
        return operations.stream().filter(operation -> name.equals(operation.getName())).findFirst().orElse(null);
    }

    private static boolean domainFieldsOnly(SelectionSet selections, Map<String, FragmentDefinition> fragments,
            GraphQLSchema schema, Set<String> spread) {
        for (Selection<?> selection : selections.getSelections()) {
            boolean domainOnly = switch (selection) {
                case Field field -> field.getName().equals(TYPENAME) || isDomainField(schema, field.getName());
                case InlineFragment inline -> domainFieldsOnly(inline.getSelectionSet(), fragments, schema, spread);
                case FragmentSpread fragmentSpread -> {
                    FragmentDefinition fragment = fragments.get(fragmentSpread.getName());
                    yield fragment != null && (!spread.add(fragment.getName())
                            || domainFieldsOnly(fragment.getSelectionSet(), fragments, schema, spread));
                }
                default -> false;
            };
            if (!domainOnly) {
                return false;
            }
        }
        return true;
    }

    /** A root field named after a domain, whose type is that domain's namespace type ({@link SchemaNames#domainType}). */
    private static boolean isDomainField(GraphQLSchema schema, String name) {
        GraphQLFieldDefinition field = schema.getQueryType().getFieldDefinition(name);
        if (field == null) {
            return false;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType());
        return type instanceof GraphQLNamedType named && named.getName().equals(SchemaNames.domainType(name));
    }
}
