package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.policy.AllowedKeys;
import io.portico.gateway.policy.DatasetPolicyTarget;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.port.PortReaders;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.gateway.read.ServedDataset;
import io.portico.gateway.read.ServedDatasets;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.gateway.port.FlightPortClients;
import io.portico.policies.decision.PortEndpoint;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RelationshipBinding;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.ServerContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data fetchers of a composed schema: one per domain root field, one {@link DatasetFetcher} per dataset bound
 * to its port, one {@link RelationshipFetcher} per relationship field bound to its target's port, and the trivial
 * fetchers of connection, edge, page-info and node fields.
 */
public final class SchemaWiring {

    static final String QUERY = "Query";
    static final String SCHEMA_VERSION = "schemaVersion";
    static final String PAGE_INFO = "PageInfo";
    /** The suffix of an aggregate field's name: {@code orders} -> {@code ordersAggregate}. */
    static final String AGGREGATE = "Aggregate";

    private static final Object DOMAIN = new Object() {
        @Override
        public String toString() {
            return "domain";
        }
    };

    private final FlightPortClients clients;
    private final QueryPlanner planner;
    private final QueryPolicies policies;
    private final Executor portCalls;
    private final int defaultPageSize;
    private final int keysPerStatement;
    private final AllowedKeys allowedKeys;
    private final PortReaders readers;
    private final ServedDatasets served;
    private final GatewayTracing tracing;

    /**
     * @param clients         the port clients
     * @param planner         plans dataset requests
     * @param policies        the policies every dataset request is answered under
     * @param portCalls       runs port calls
     * @param defaultPageSize the page size when a request passes {@code first: null}
     * @param keysPerStatement the most parent keys in one statement of a relationship batch
     * @param allowedKeys     reads the related keys of row filters that follow a relationship to another port
     */
    public SchemaWiring(FlightPortClients clients, QueryPlanner planner, QueryPolicies policies, Executor portCalls,
            int defaultPageSize, int keysPerStatement, AllowedKeys allowedKeys) {
        this(clients, planner, policies, portCalls, defaultPageSize, keysPerStatement, allowedKeys,
                PortReaders.DIRECT, new ServedDatasets());
    }

    /**
     * @param readers what each port is read through: its client, or the result cache in front of it
     * @param served  where each wired schema's datasets are published for the other front doors
     */
    public SchemaWiring(FlightPortClients clients, QueryPlanner planner, QueryPolicies policies, Executor portCalls,
            int defaultPageSize, int keysPerStatement, AllowedKeys allowedKeys, PortReaders readers,
            ServedDatasets served) {
        this(clients, planner, policies, portCalls, defaultPageSize, keysPerStatement, allowedKeys, readers, served,
                GatewayTracing.OFF);
    }

    /** @param tracing makes the spans of the dataset reads ({@link DatasetReader}) */
    public SchemaWiring(FlightPortClients clients, QueryPlanner planner, QueryPolicies policies, Executor portCalls,
            int defaultPageSize, int keysPerStatement, AllowedKeys allowedKeys, PortReaders readers,
            ServedDatasets served, GatewayTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.readers = requireNonNull(readers, "readers is null");
        this.served = requireNonNull(served, "served is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.portCalls = requireNonNull(portCalls, "portCalls is null");
        this.defaultPageSize = defaultPageSize;
        if (keysPerStatement < 1) {
            throw new IllegalArgumentException("keysPerStatement must be positive: " + keysPerStatement);
        }
        this.keysPerStatement = keysPerStatement;
        this.allowedKeys = requireNonNull(allowedKeys, "allowedKeys is null");
    }

    /** Registers every fetcher of {@code schema}, composed from {@code snapshot}, in {@code code}. */
    public void wire(GraphQLCodeRegistry.Builder code, RegistrySnapshot snapshot, ComposedSchema schema) {
        readers.serving(snapshot);
        Map<String, PortSnapshot> ports = snapshot.ports().stream()
                .collect(Collectors.toMap(PortSnapshot::portKey, port -> port, (first, second) -> first));
        Map<String, DatasetPolicyTarget> policyTargets = new HashMap<>();
        for (DatasetBinding binding : schema.datasets()) {
            PortSnapshot port = ports.get(binding.portId());
            location(port, binding);
            policyTargets.put(SchemaNames.nodeType(binding), DatasetPolicyTarget.of(snapshot, port, binding));
        }
        RelationshipGuard guard = new RelationshipGuard(policyTargets);
        RowFilterConditions rowFilters = rowFilters(snapshot, ports, schema, policyTargets);
        DatasetReader reader = new DatasetReader(planner, rowFilters, portCalls, tracing);
        served.serve(servedView(snapshot, schema, ports, policyTargets, reader));
        wire(code, schema, binding -> new DatasetFetcher(source(ports, policyTargets, binding), reader, policies,
                defaultPageSize, relationshipsOf(schema, binding), guard));
        for (DatasetBinding binding : schema.datasets()) {
            String domainType = SchemaNames.domainType(binding.domain());
            String aggregateField = SchemaNames.aggregateField(binding);
            if (schema.hasAggregate(binding)) {
                code.dataFetcher(FieldCoordinates.coordinates(domainType, aggregateField),
                        new AggregateFetcher(source(ports, policyTargets, binding), reader, policies,
                                defaultPageSize));
            }
        }
        for (RelationshipBinding relationship : schema.relationships()) {
            DatasetBinding target = schema.dataset(relationship.targetDomain(), relationship.targetDataset())
                    .orElseThrow(() -> new IllegalStateException("relationship " + relationship.ownerType() + "."
                            + relationship.fieldName() + " targets a dataset its schema does not hold"));
            code.dataFetcher(FieldCoordinates.coordinates(relationship.ownerType(), relationship.fieldName()),
                    new RelationshipFetcher(relationship, source(ports, policyTargets, target), reader, policies,
                            defaultPageSize, keysPerStatement, relationshipsOf(schema, target), guard));
            if (schema.aggregatedRelationships().contains(relationship)) {
                code.dataFetcher(FieldCoordinates.coordinates(relationship.ownerType(),
                        relationship.fieldName() + AGGREGATE), RelationshipFetcher.aggregate(relationship,
                        source(ports, policyTargets, target), reader, policies, defaultPageSize, keysPerStatement,
                        guard));
            }
        }
    }

    /** The schema's datasets as SQL names them: domain, and the contract name ({@code _v<major>} for older majors). */
    private ServedDatasets.View servedView(RegistrySnapshot snapshot, ComposedSchema schema,
            Map<String, PortSnapshot> ports, Map<String, DatasetPolicyTarget> policyTargets, DatasetReader reader) {
        List<ServedDataset> datasets = new ArrayList<>();
        for (DatasetBinding binding : schema.datasets()) {
            PortSnapshot port = ports.get(binding.portId());
            for (DatasetContract dataset : port.contract().datasets()) {
                String name = SchemaNames.fieldName(dataset.name()).equals(binding.dataset()) ? dataset.name()
                        : SchemaNames.olderMajorDatasetField(dataset.name(), port.majorVersion())
                                .equals(binding.dataset()) ? dataset.name() + "_v" + port.majorVersion() : null;
                if (name != null) {
                    datasets.add(new ServedDataset(source(ports, policyTargets, binding), port.contract().domain(),
                            name));
                    break;
                }
            }
        }
        return new ServedDatasets.View(snapshot.version(), datasets, reader);
    }

    /** Every dataset of the schema by its URN, where a row filter that follows a relationship finds it. */
    private RowFilterConditions rowFilters(RegistrySnapshot snapshot, Map<String, PortSnapshot> ports,
            ComposedSchema schema, Map<String, DatasetPolicyTarget> policyTargets) {
        Map<String, RowFilterConditions.Target> targets = new HashMap<>();
        for (DatasetBinding binding : schema.datasets()) {
            PortSnapshot port = ports.get(binding.portId());
            targets.putIfAbsent(policyTargets.get(SchemaNames.nodeType(binding)).datasetUrn(),
                    new RowFilterConditions.Target(binding, client(port, binding),
                            PortEndpoint.of(port.contract())));
        }
        return new RowFilterConditions(targets, snapshot.version(), allowedKeys);
    }

    /**
     * The relationship fields of a dataset's node type by name, its relationship aggregate fields
     * ({@code ordersAggregate}) included: both join on the relationship's key.
     */
    private static Map<String, RelationshipBinding> relationshipsOf(ComposedSchema schema, DatasetBinding binding) {
        Map<String, RelationshipBinding> fields = new HashMap<>();
        for (RelationshipBinding relationship : schema.relationships(binding.domain(), binding.dataset())) {
            fields.put(relationship.fieldName(), relationship);
            if (schema.aggregatedRelationships().contains(relationship)) {
                fields.put(relationship.fieldName() + AGGREGATE, relationship);
            }
        }
        return fields;
    }

    /**
     * Registers the fetchers of {@code schema} in {@code code}, with the dataset connection fields resolved by
     * {@code datasetFetchers} and every other field by the gateway's own fetchers.
     */
    static void wire(GraphQLCodeRegistry.Builder code, ComposedSchema schema,
            Function<DatasetBinding, DataFetcher<?>> datasetFetchers) {
        code.dataFetcher(FieldCoordinates.coordinates(QUERY, SCHEMA_VERSION),
                ConnectionFetchers.constant(schema.registryVersion()));
        for (String domain : schema.domains()) {
            code.dataFetcher(FieldCoordinates.coordinates(QUERY, domain), ConnectionFetchers.constant(DOMAIN));
        }
        wirePageInfo(code);
        for (DatasetBinding binding : schema.datasets()) {
            wireDataset(code, binding, datasetFetchers.apply(binding));
        }
    }

    /** A dataset as the read path reads it: its binding, its policy target and its port's client. */
    private DatasetSource source(Map<String, PortSnapshot> ports, Map<String, DatasetPolicyTarget> policyTargets,
            DatasetBinding binding) {
        return new DatasetSource(binding, policyTargets.get(SchemaNames.nodeType(binding)),
                client(ports.get(binding.portId()), binding));
    }

    /**
     * The reader of a dataset's port: its client, presenting the credential of the port's domain, or the result
     * cache in front of it.
     */
    private PortReader client(PortSnapshot port, DatasetBinding binding) {
        String location = location(port, binding);
        return readers.of(port, clients.forPort(port.contract().domain(), location));
    }

    private static String location(PortSnapshot port, DatasetBinding binding) {
        String location = port == null ? null
                : port.contract().flightServer().flatMap(ServerContract::flightSqlUrl).orElse(null);
        if (location == null) {
            throw new IllegalStateException("dataset " + binding.domain() + "." + binding.dataset() + " names port '"
                    + binding.portId() + "', which its registry snapshot does not hold with a Flight SQL location");
        }
        return location;
    }

    private static void wireDataset(GraphQLCodeRegistry.Builder code, DatasetBinding binding,
            DataFetcher<?> fetcher) {
        code.dataFetcher(FieldCoordinates.coordinates(SchemaNames.domainType(binding.domain()), binding.dataset()),
                fetcher);

        String connection = SchemaNames.connectionType(binding);
        code.dataFetcher(FieldCoordinates.coordinates(connection, "nodes"), ConnectionFetchers.NODES);
        code.dataFetcher(FieldCoordinates.coordinates(connection, "edges"), ConnectionFetchers.EDGES);
        code.dataFetcher(FieldCoordinates.coordinates(connection, "pageInfo"), ConnectionFetchers.PAGE_INFO);
        code.dataFetcher(FieldCoordinates.coordinates(connection, "totalCount"), ConnectionFetchers.TOTAL_COUNT);

        String edge = SchemaNames.edgeType(binding);
        code.dataFetcher(FieldCoordinates.coordinates(edge, "node"), ConnectionFetchers.EDGE_NODE);
        code.dataFetcher(FieldCoordinates.coordinates(edge, "cursor"), ConnectionFetchers.EDGE_CURSOR);

        String node = SchemaNames.nodeType(binding);
        List<FieldBinding> fields = binding.fields();
        for (int index = 0; index < fields.size(); index++) {
            code.dataFetcher(FieldCoordinates.coordinates(node, fields.get(index).graphQLName()),
                    ConnectionFetchers.column(index));
        }
    }

    private static void wirePageInfo(GraphQLCodeRegistry.Builder code) {
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "hasNextPage"), ConnectionFetchers.HAS_NEXT_PAGE);
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "hasPreviousPage"),
                ConnectionFetchers.HAS_PREVIOUS_PAGE);
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "startCursor"), ConnectionFetchers.START_CURSOR);
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "endCursor"), ConnectionFetchers.END_CURSOR);
    }

}
