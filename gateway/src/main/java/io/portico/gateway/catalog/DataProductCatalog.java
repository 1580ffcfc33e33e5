package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.catalog.ActiveRegistrations.Registration;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.SchemaReloader;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The data product catalog: every output port the gateway knows, at each active major version, with its contract
 * (owner team, description, datasets, fields, relationships, SLA), how this gateway serves it (GraphQL names and
 * types, live Arrow types), its endpoint's health, and its registration.
 *
 * <p>Where the entries come from:
 * <ul>
 *   <li>{@code REGISTRY} products: every active stored version of every port in the registry database (one per major
 *       version), with its registration time and publisher and, on demand, the port's {@link #history}. A product
 *       is {@code served} when this gateway's registry serves that port at that major version.</li>
 *   <li>{@code LOCAL} products: the start-up contracts of this gateway ({@code portico.ports.contracts}, the demo
 *       mesh), which are never stored and shadow a stored port of the same id here; also a port registered in
 *       memory only while it is up. They have no history; their registration time is when this gateway registered
 *       them: the time of the port's status when the catalog first saw that version of the port, which the
 *       {@link EndpointHealthMonitor} makes happen right after start-up registration.</li>
 * </ul>
 *
 * <p>A relationship is resolved against the whole catalog: its target is the dataset of that name, with every
 * referenced field, in a product of the target domain (a served one first, then the newest major version); it is
 * dangling when there is none. The catalog is assembled afresh for each request from the registry's current state
 * (statuses, the live schema and the ports it was built from) and the store's active registrations (re-read only when the registry version
 * moved), so it never lags what this gateway serves.
 */
public final class DataProductCatalog {

    /** Who registered a LOCAL product. */
    public static final String LOCAL_REGISTRANT = "configuration";

    /** The largest page of {@link #search}. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** The dialect of a port whose contract names none; as in schema composition. */
    private static final String DEFAULT_DIALECT = "DUCKDB";

    private final PortRegistry registry;
    private final RegistryStore store;
    private final ActiveRegistrations stored;
    private final Supplier<List<OutputPortContract>> localContracts;
    private final Function<String, Optional<EndpointHealth>> health;
    private final Clock clock;
    private final Map<String, Instant> localRegistrations = new ConcurrentHashMap<>();

    /**
     * @param registry       the ports this gateway serves
     * @param store          the registry database; null for a gateway without one
     * @param localContracts the start-up contracts of this gateway
     * @param health         the last health check of an endpoint, by URL
     * @param clock          the time of a LOCAL registration the registry reports no status for
     */
    public DataProductCatalog(PortRegistry registry, RegistryStore store,
            Supplier<List<OutputPortContract>> localContracts, Function<String, Optional<EndpointHealth>> health,
            Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.store = store;
        this.stored = new ActiveRegistrations(store);
        this.localContracts = requireNonNull(localContracts, "localContracts is null");
        this.health = requireNonNull(health, "health is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every data product, in the catalog's order: domain, data product, major version (newest first), port id. */
    public List<DataProduct> products() {
        Sources sources = sources();
        List<DataProduct> products = new ArrayList<>();
        for (Candidate candidate : candidates(sources)) {
            products.add(product(candidate, sources));
        }
        List<DataProduct> resolved = resolveRelationships(products);
        return resolved.stream().sorted(CatalogCursor.PRODUCT_ORDER).toList();
    }

    /**
     * One page of the products matching {@code query}.
     *
     * @param first how many products at most (0 to {@value #MAX_PAGE_SIZE})
     * @param after the cursor to continue after, or null for the first page
     * @throws PorticoException {@code BAD_USER_INPUT} for a {@code first} out of range or a cursor not issued here
     */
    public CatalogPage search(CatalogQuery query, int first, String after) {
        requireNonNull(query, "query is null");
        if (first < 0 || first > MAX_PAGE_SIZE) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "'first' must be between 0 and " + MAX_PAGE_SIZE
                    + ", was " + first);
        }
        CatalogCursor cursor = after == null ? null : CatalogCursor.decode(after);
        List<DataProduct> matching = products().stream().filter(query::matches).toList();
        List<DataProduct> rest = cursor == null ? matching : matching.stream().filter(cursor::precedes).toList();
        List<DataProduct> page = rest.subList(0, Math.min(first, rest.size()));
        return new CatalogPage(page, rest.size() > page.size(), cursor != null, matching.size());
    }

    /**
     * The data product with this id.
     *
     * @param id a product URN, e.g. {@code urn:portico:sales:orders:v1}
     * @return empty when no product has it
     * @throws PorticoException {@code BAD_USER_INPUT} when the id is not a product URN
     */
    public Optional<DataProduct> find(String id) {
        Urns.Urn urn = Urns.parse(id);
        if (urn.isDataset()) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "'" + urn + "' is the id of a dataset; a data"
                    + " product's id has no dataset part: " + urn.product());
        }
        String canonical = urn.toString();
        return products().stream().filter(product -> product.id().equals(canonical)).findFirst();
    }

    /**
     * Every stored version of a product's port, oldest first, over all its major versions; empty for a LOCAL
     * product (not stored).
     */
    public List<ContractVersion> history(DataProduct product) {
        if (product.source() == RegistrationSource.LOCAL || store == null) {
            return List.of();
        }
        return store.history(product.portId()).stream().map(ContractVersion::of).toList();
    }

    /** The Flight SQL URL of every product, sorted. */
    public Set<String> endpointUrls() {
        return endpoints().keySet();
    }

    /**
     * The Flight SQL URL of every product with the domain of its contract (the first, by domain, should two domains
     * name one URL), sorted: what the {@link EndpointHealthMonitor} checks, with that domain's credential.
     */
    public SortedMap<String, String> endpoints() {
        SortedMap<String, String> endpoints = new TreeMap<>();
        for (Candidate candidate : candidates(sources())) {
            endpoints.merge(endpointUrl(candidate.contract()), candidate.contract().domain(),
                    (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
        }
        return endpoints;
    }

    private Sources sources() {
        Map<String, PortStatus> statuses = registry.statuses().stream()
                .collect(Collectors.toMap(PortStatus::portId, status -> status, (first, second) -> first));
        Map<String, OutputPortContract> local = new LinkedHashMap<>();
        localContracts.get().forEach(contract -> local.putIfAbsent(contract.id(), contract));
        // The ports the live schema was built from, not the registry's latest: during a change those are ahead of
        // the schema, and a port would be listed served with no GraphQL type.
        SchemaReloader.Live live = registry.live();
        List<PortSnapshot> served = live == null ? List.of() : live.snapshot().ports();
        return new Sources(served, statuses, live == null ? null : live.schema(), local, stored.current());
    }

    /** One entry per port and major version; see the class comment for which source wins. */
    private List<Candidate> candidates(Sources sources) {
        Map<String, PortSnapshot> served = new LinkedHashMap<>();
        sources.served().forEach(port -> served.putIfAbsent(key(port.contract().id(), port.majorVersion()), port));
        Set<String> storedIds = sources.stored().stream()
                .map(registration -> registration.stored().portId())
                .collect(Collectors.toSet());

        List<Candidate> candidates = new ArrayList<>();
        for (PortSnapshot port : served.values()) {
            String portId = port.contract().id();
            if (sources.local().containsKey(portId) || !storedIds.contains(portId)) {
                candidates.add(new Candidate(port.contract(), port, null));
            }
        }
        for (OutputPortContract contract : sources.local().values()) {
            boolean registered = sources.statuses().containsKey(contract.id());
            boolean servedHere = served.values().stream().anyMatch(port -> port.contract().id().equals(contract.id()));
            if (registered && !servedHere) {
                candidates.add(new Candidate(contract, null, null));
            }
        }
        for (Registration registration : sources.stored()) {
            StoredContract version = registration.stored();
            if (sources.local().containsKey(version.portId())) {
                continue;
            }
            PortSnapshot port = served.get(key(version.portId(), version.majorVersion()));
            candidates.add(new Candidate(registration.contract(), port, version));
        }
        return candidates;
    }

    private DataProduct product(Candidate candidate, Sources sources) {
        OutputPortContract contract = candidate.contract();
        int major = candidate.stored() != null ? candidate.stored().majorVersion() : contract.majorVersion();
        PortStatus status = sources.statuses().get(contract.id());
        Map<String, DatasetBinding> bindings = bindings(candidate.served(), sources.schema());
        List<CatalogDataset> datasets = new ArrayList<>();
        List<CatalogRelationship> relationships = new ArrayList<>();
        for (DatasetContract dataset : contract.datasets()) {
            datasets.add(dataset(contract, major, dataset, binding(bindings, dataset, major)));
            dataset.relationships().forEach(relationship -> relationships.add(relationship(relationship)));
        }
        String url = endpointUrl(contract);
        String dialect = contract.flightServer().flatMap(ServerContract::sqlDialect).orElse(DEFAULT_DIALECT);
        EndpointHealth endpointHealth = health.apply(url).orElseGet(() -> registrationHealth(status, url));
        StoredContract stored = candidate.stored();
        return new DataProduct(
                Urns.product(contract.domain(), contract.dataProduct(), major),
                contract.id(),
                contract.domain(),
                contract.name() == null || contract.name().isBlank() ? contract.dataProduct() : contract.name(),
                contract.dataProduct(),
                contract.description(),
                contract.version(),
                major,
                contract.status(),
                candidate.served() != null,
                contract.team(),
                contract.tags(),
                datasets,
                relationships,
                contract.slaProperties(),
                new CatalogEndpoint(url, dialect, endpointHealth),
                stored == null ? RegistrationSource.LOCAL : RegistrationSource.REGISTRY,
                stored == null ? localRegistrationTime(contract, status) : stored.registeredAt(),
                stored == null ? LOCAL_REGISTRANT : stored.registeredBy());
    }

    private static CatalogDataset dataset(OutputPortContract contract, int major, DatasetContract dataset,
            DatasetBinding binding) {
        String nodeType = binding == null ? null : SchemaNames.nodeType(binding);
        List<CatalogField> fields = new ArrayList<>(dataset.fields().size());
        for (FieldContract field : dataset.fields()) {
            String graphQLName = SchemaNames.fieldName(field.name());
            FieldBinding served = binding == null ? null : binding.field(graphQLName).orElse(null);
            fields.add(new CatalogField(field.name(), graphQLName, field.logicalType(), field.physicalType(),
                    served == null ? null : arrowType(served.arrowField()), field.required(), field.classification(),
                    field.tags(), field.description(), served == null ? null : nodeType));
        }
        return new CatalogDataset(
                Urns.dataset(contract.domain(), contract.dataProduct(), dataset.name(), major),
                dataset.name(),
                binding == null ? null : binding.domain() + "." + binding.dataset(),
                nodeType,
                dataset.description(),
                dataset.tags(),
                fields,
                dataset.primaryKey().stream().map(FieldContract::name).toList());
    }

    private static CatalogRelationship relationship(RelationshipContract relationship) {
        return new CatalogRelationship(relationship.fromDataset(), relationship.fromFields(),
                relationship.targetDomain(), relationship.toDataset(), relationship.toFields(),
                relationship.cardinality(), relationship.description(), null);
    }

    /** The bindings of a served port's datasets in the live schema, by dataset field name. */
    private static Map<String, DatasetBinding> bindings(PortSnapshot served, ComposedSchema schema) {
        if (served == null || schema == null) {
            return Map.of();
        }
        Map<String, DatasetBinding> bindings = new HashMap<>();
        for (DatasetBinding binding : schema.datasets()) {
            if (binding.portId().equals(served.portKey())) {
                bindings.put(binding.dataset(), binding);
            }
        }
        return bindings;
    }

    /** A dataset's binding: its plain field name, or with the version suffix of an older major served beside. */
    private static DatasetBinding binding(Map<String, DatasetBinding> bindings, DatasetContract dataset, int major) {
        DatasetBinding binding = bindings.get(SchemaNames.fieldName(dataset.name()));
        return binding != null ? binding : bindings.get(SchemaNames.olderMajorDatasetField(dataset.name(), major));
    }

    /** Until the first health check: what registering the port found, when the status is of this endpoint. */
    private static EndpointHealth registrationHealth(PortStatus status, String url) {
        if (status == null || !status.location().equals(url)) {
            return new EndpointHealth(EndpointHealth.State.UNKNOWN, null, null, "not checked yet");
        }
        EndpointHealth.State state = status.up() ? EndpointHealth.State.UP : EndpointHealth.State.DOWN;
        return new EndpointHealth(state, status.since(), null, status.message());
    }

    private Instant localRegistrationTime(OutputPortContract contract, PortStatus status) {
        return localRegistrations.computeIfAbsent(contract.id() + "@" + contract.version(),
                key -> status == null ? clock.instant() : status.since());
    }

    private static List<DataProduct> resolveRelationships(List<DataProduct> products) {
        Map<String, List<Target>> targets = new HashMap<>();
        for (DataProduct product : products) {
            for (CatalogDataset dataset : product.datasets()) {
                targets.computeIfAbsent(targetKey(product.domain(), dataset.name()), key -> new ArrayList<>())
                        .add(new Target(product, dataset));
            }
        }
        List<DataProduct> resolved = new ArrayList<>(products.size());
        for (DataProduct product : products) {
            if (product.relationships().isEmpty()) {
                resolved.add(product);
                continue;
            }
            List<CatalogRelationship> relationships = product.relationships().stream()
                    .map(relationship -> relationship.withTarget(target(targets, relationship)))
                    .toList();
            resolved.add(product.withRelationships(relationships));
        }
        return resolved;
    }

    private static String target(Map<String, List<Target>> targets, CatalogRelationship relationship) {
        return targets.getOrDefault(targetKey(relationship.targetDomain(), relationship.toDataset()), List.of())
                .stream()
                .filter(target -> relationship.toFields().stream()
                        .allMatch(field -> target.dataset().field(field).isPresent()))
                .min(Target.PREFERENCE)
                .map(target -> target.dataset().id())
                .orElse(null);
    }

    private static String targetKey(String domain, String dataset) {
        return domain.toLowerCase(Locale.ROOT) + '\u0000' + dataset;
    }

    private static String endpointUrl(OutputPortContract contract) {
        return contract.flightServer().flatMap(ServerContract::flightSqlUrl).orElse("");
    }

    private static String key(String portId, int major) {
        return portId + '\u0000' + major;
    }

    /** An Arrow type as text, with the types of its children: {@code List<item: Int(64, true)>}. */
    static String arrowType(Field field) {
        String type = field.getType().toString();
        if (field.getChildren().isEmpty()) {
            return type;
        }
        return field.getChildren().stream()
                .map(child -> child.getName() + ": " + arrowType(child))
                .collect(Collectors.joining(", ", type + "<", ">"));
    }

    /** What one assembly of the catalog reads, once. */
    private record Sources(List<PortSnapshot> served, Map<String, PortStatus> statuses, ComposedSchema schema,
            Map<String, OutputPortContract> local, List<Registration> stored) {
    }

    /**
     * One product to assemble.
     *
     * @param contract its contract
     * @param served   how the registry serves it; null when it does not
     * @param stored   its stored version; null for a LOCAL product
     */
    private record Candidate(OutputPortContract contract, PortSnapshot served, StoredContract stored) {
    }

    private record Target(DataProduct product, CatalogDataset dataset) {

        static final Comparator<Target> PREFERENCE = Comparator
                .comparing((Target target) -> !target.product().served())
                .thenComparing(Comparator.comparingInt((Target target) -> target.product().majorVersion()).reversed())
                .thenComparing(target -> target.product().portId());
    }
}
