package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.PlatformThreads;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.registry.store.RegistryState;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output ports the gateway knows, and the one path by which the GraphQL schema changes.
 *
 * <p>Registering a port asks it for its live Arrow schemas; a port that cannot be reached is kept (and reported
 * by {@link #statuses()}) but left out of the schema until {@link #retryDownPorts()} reaches it. Every change
 * produces a new immutable {@link RegistrySnapshot} with a higher version and hands it to the
 * {@link SchemaReloader}; the mutating methods return once the schema of that change (or a newer one) serves
 * requests.
 *
 * <p>Ports come from two places. <em>Local</em> ports are registered in memory only ({@link #register},
 * {@link #registerAll}, {@link #retire(String)}): the start-up contracts of this gateway (configuration, demo mesh).
 * <em>Stored</em> ports live in the durable {@link RegistryStore} shared by every replica: {@link #publish} and
 * {@link #retire(String, String)} change the store first and this gateway's schema second, and
 * {@link #synchronize} brings the schema in line with the store after other replicas changed it. A local port
 * shadows a stored registration of the same id on this gateway (and cannot be published or retired through the
 * store here). Every active major version of a stored port is served: the highest under the port id, each older
 * one beside it under {@link PortSnapshot#olderMajorKey} (its datasets deprecated in the schema) until it is
 * {@link #retire(String, int, String) retired}. Changes of stored ports are applied in registry-version order per
 * port, so a late, older change never replaces a newer one.
 *
 * <p>Internally a local port is kept under its id, a stored one under {@code olderMajorKey(id, major)} whatever
 * its rank; the key it is served by is worked out when a snapshot or the statuses are taken.
 */
public final class PortRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    /** The stored version of a local port: no stored row has it (the first registry change is version 1). */
    private static final long LOCAL = 0;

    private final FlightPortClients clients;
    private final SchemaReloader reloader;
    private final Duration installTimeout;
    private final Clock clock;
    private final Object lock = new Object();
    /** Local ports by id, stored ports by {@link #slot(String, int)}. */
    private final Map<String, RegisteredPort> ports = new LinkedHashMap<>();
    private final RegistryStore store;
    private final PortAdmission admission;
    /** Per stored port: the registry version of the last single change applied here, when newer than syncedVersion. */
    private final Map<String, Long> appliedVersions = new HashMap<>();
    private final Set<String> reportedShadows = new HashSet<>();
    /** The registry version of the last store state {@link #synchronize synchronized}. */
    private long syncedVersion;
    private long version;

    /**
     * @param clients        the port clients, to ask ports for their live schemas
     * @param reloader       where new snapshots go
     * @param installTimeout how long a change may wait for its schema to go live
     * @param clock          the time of status changes
     */
    public PortRegistry(FlightPortClients clients, SchemaReloader reloader, Duration installTimeout, Clock clock) {
        this(clients, reloader, installTimeout, clock, null);
    }

    /**
     * @param store the durable registry behind {@link #publish} and {@link #retire(String, String)}; null for a
     *              registry of local ports only
     */
    public PortRegistry(FlightPortClients clients, SchemaReloader reloader, Duration installTimeout, Clock clock,
            RegistryStore store) {
        this(clients, reloader, installTimeout, clock, store, PortAdmission.ANY);
    }

    /**
     * @param admission whether a stored port's endpoint may be contacted for it; asked before every probe of a
     *                  stored port (a refused one is kept DOWN with the reason)
     */
    public PortRegistry(FlightPortClients clients, SchemaReloader reloader, Duration installTimeout, Clock clock,
            RegistryStore store, PortAdmission admission) {
        this.admission = requireNonNull(admission, "admission is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.installTimeout = requireNonNull(installTimeout, "installTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.store = store;
    }

    /**
     * Registers (or replaces) a port and waits until the schema reflects it.
     *
     * @return the port's status: {@code UP} when its datasets are now in the schema, {@code DOWN} when it could
     *         not be reached (it is retried in the background)
     * @throws PorticoException {@code INVALID_CONTRACT} when the contract names no Flight SQL server
     */
    public PortStatus register(OutputPortContract contract) {
        return registerAll(List.of(contract)).getFirst();
    }

    /**
     * Registers several ports at once: their live schemas are fetched in parallel and the schema is rebuilt once.
     *
     * @return the status of each port, in argument order
     */
    public List<PortStatus> registerAll(List<OutputPortContract> contracts) {
        contracts.forEach(PortRegistry::flightSqlUrl);
        List<RegisteredPort> probed = probeAll(contracts.stream().map(Candidate::local).toList());
        RegistrySnapshot snapshot;
        synchronized (lock) {
            for (RegisteredPort port : probed) {
                removeStored(port.contract().id());
                ports.put(port.contract().id(), port);
            }
            snapshot = nextSnapshot();
        }
        probed.forEach(PortRegistry::logStatus);
        awaitInstalled(snapshot);
        return probed.stream().map(RegisteredPort::status).toList();
    }

    /**
     * Publishes a new version of a port: stores it durably ({@link RegistryStore#register}), then registers it here
     * and waits until the schema reflects it. Other replicas pick it up through their {@link #synchronize}.
     *
     * <p>Validate the contract against its port before: the store keeps whatever is published, and a port that
     * cannot be reached now is kept, reported DOWN and retried like any other.
     *
     * @param contract    the parsed {@code document}
     * @param document    the contract document as submitted, stored verbatim
     * @param publishedBy who publishes it
     * @return the stored version (acknowledged: committed) and the port's status here
     * @throws PorticoException {@code INVALID_CONTRACT} when the contract names no Flight SQL server or its id is a
     *                          local port of this gateway; {@code INTERNAL} when the store fails (nothing published)
     *                          or the schema does not go live in time (the publication is stored all the same)
     * @throws IllegalStateException when this registry has no store
     */
    public Publication publish(OutputPortContract contract, String document, String publishedBy) {
        return publish(contract, document, publishedBy, null);
    }

    /**
     * Publishes a new version of a port whose live schemas were just read and checked (by the registration's
     * validation), so the port is not asked again: {@link #publish(OutputPortContract, String, String)} without
     * the second round trip. Applying it here then follows the store's commit within microseconds, so this
     * gateway's {@link #synchronize} practically never sees its own publication before it is applied (it would
     * ask the port again and rebuild once more, harmlessly).
     *
     * @param liveSchemas the port's schema of each of the contract's datasets, by dataset name; null to ask the port
     */
    public Publication publish(OutputPortContract contract, String document, String publishedBy,
            Map<String, Schema> liveSchemas) {
        return publish(contract, document, publishedBy, liveSchemas, OptionalLong.empty());
    }

    /**
     * {@link #publish(OutputPortContract, String, String, Map)} only if the port is unchanged in the store since
     * {@code expectedLastChange} ({@link RegistryStore#lastChange}): the store's compare-and-set, so that of two
     * replicas publishing from the same state of the port exactly one stores its version.
     *
     * @throws io.portico.gateway.registry.store.StalePortStateException when the port changed since (nothing
     *                                                                    stored, nothing changed here)
     */
    public Publication publish(OutputPortContract contract, String document, String publishedBy,
            Map<String, Schema> liveSchemas, OptionalLong expectedLastChange) {
        RegistryStore durable = requireStore();
        String location = flightSqlUrl(contract);
        requireNotLocal(contract.id(), ErrorCode.INVALID_CONTRACT, "published");
        StoredContract stored = durable.register(contract, document, publishedBy, expectedLastChange);
        LOG.info("port '{}' version {} published by '{}' (registry version {}, revision {})", stored.portId(),
                stored.version(), publishedBy, stored.registryVersion(), stored.revision());
        Candidate candidate = new Candidate(contract, stored.registryVersion());
        RegisteredPort probed = liveSchemas == null ? probe(candidate) : served(candidate, location, liveSchemas);
        if (probed.status().up()) {
            // It just answered: its queries need not wait out a breaker or a failed channel of its last life.
            clients.portAnswered(location);
        }
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            if (applyPublished(probed, stored)) {
                snapshot = nextSnapshot();
            }
        }
        logStatus(probed);
        awaitInstalled(snapshot == null ? snapshot() : snapshot);
        return new Publication(stored, probed.status());
    }

    /**
     * The port of {@code contract} just answered at its Flight SQL URL (a registration's check read its schemas):
     * its clients drop a failed channel and its open circuit breaker closes ({@link FlightPortClients#portAnswered}).
     */
    public void portAnswered(OutputPortContract contract) {
        contract.flightServer().flatMap(ServerContract::flightSqlUrl).ifPresent(clients::portAnswered);
    }

    /**
     * Retires every active version of a stored port: in the store first, then here.
     *
     * @return false when the port has no active version in the store
     * @throws PorticoException {@code BAD_USER_INPUT} when the port is a local port of this gateway;
     *                          {@code INTERNAL} when the store fails (nothing retired)
     * @throws IllegalStateException when this registry has no store
     */
    public boolean retire(String portId, String retiredBy) {
        RegistryStore durable = requireStore();
        requireNotLocal(portId, ErrorCode.BAD_USER_INPUT, "retired");
        OptionalLong retirement = durable.retire(portId, retiredBy);
        if (retirement.isEmpty()) {
            return false;
        }
        long retiredAt = retirement.getAsLong();
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            if (isNewerChange(portId, retiredAt)) {
                appliedVersions.put(portId, retiredAt);
                if (!isLocal(portId) && removeStored(portId) > 0) {
                    snapshot = nextSnapshot();
                }
            }
        }
        LOG.info("port '{}' retired by '{}' (registry version {})", portId, retiredBy, retiredAt);
        awaitInstalled(snapshot == null ? snapshot() : snapshot);
        return true;
    }

    /**
     * Retires the active version of one major version of a stored port: in the store first, then here. The other
     * major versions keep being served; when the retired one was the highest, the next one takes the plain names.
     *
     * @return false when the port has no active version of that major in the store
     * @throws PorticoException {@code BAD_USER_INPUT} when the port is a local port of this gateway;
     *                          {@code INTERNAL} when the store fails (nothing retired)
     * @throws IllegalStateException when this registry has no store
     */
    public boolean retire(String portId, int majorVersion, String retiredBy) {
        RegistryStore durable = requireStore();
        requireNotLocal(portId, ErrorCode.BAD_USER_INPUT, "retired");
        OptionalLong retirement = durable.retire(portId, majorVersion, retiredBy);
        if (retirement.isEmpty()) {
            return false;
        }
        long retiredAt = retirement.getAsLong();
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            if (isNewerChange(portId, retiredAt)) {
                appliedVersions.put(portId, retiredAt);
                if (!isLocal(portId) && ports.remove(slot(portId, majorVersion)) != null) {
                    snapshot = nextSnapshot();
                }
            }
        }
        LOG.info("major version {} of port '{}' retired by '{}' (registry version {})", majorVersion, portId,
                retiredBy, retiredAt);
        awaitInstalled(snapshot == null ? snapshot() : snapshot);
        return true;
    }

    /**
     * Brings the stored ports in line with a state read from the store: registers the active ones that are new or
     * changed (every active major version of each port), removes the stored port versions no longer active. Local ports are
     * left alone. A state older than one already synchronized is ignored, as is, per port, a state older than a
     * change {@link #publish published} or {@link #retire(String, String) retired} here since.
     *
     * @return how many ports were registered, replaced or removed
     */
    public int synchronize(RegistryState state) {
        requireNonNull(state, "state is null");
        long stateVersion = state.registryVersion();
        Map<String, StoredContract> served = servedVersions(state);
        List<StoredContract> changed = new ArrayList<>();
        synchronized (lock) {
            if (stateVersion < syncedVersion) {
                return 0;
            }
            for (StoredContract stored : served.values()) {
                RegisteredPort current = ports.get(slot(stored.portId(), stored.majorVersion()));
                if (isLocal(stored.portId())) {
                    reportShadowed(stored);
                } else if (appliesTo(stored.portId(), stateVersion)
                        && (current == null || current.storedVersion() != stored.registryVersion())) {
                    changed.add(stored);
                }
            }
        }
        List<RegisteredPort> probed = probeAll(candidates(changed));
        RegistrySnapshot snapshot = null;
        int changes = 0;
        synchronized (lock) {
            if (stateVersion < syncedVersion) {
                return 0;
            }
            for (RegisteredPort port : probed) {
                String portId = port.contract().id();
                if (appliesTo(portId, stateVersion) && !isLocal(portId)) {
                    ports.put(slot(portId, port.majorVersion()), port);
                    logStatus(port);
                    changes++;
                }
            }
            Iterator<Map.Entry<String, RegisteredPort>> registered = ports.entrySet().iterator();
            while (registered.hasNext()) {
                Map.Entry<String, RegisteredPort> entry = registered.next();
                RegisteredPort port = entry.getValue();
                String portId = port.contract().id();
                if (!port.local() && !served.containsKey(entry.getKey()) && appliesTo(portId, stateVersion)) {
                    registered.remove();
                    LOG.info("major version {} of port '{}' is no longer active in the registry (registry version"
                            + " {}); retired here", port.majorVersion(), portId, stateVersion);
                    changes++;
                }
            }
            syncedVersion = stateVersion;
            appliedVersions.values().removeIf(applied -> applied <= stateVersion);
            if (changes > 0) {
                snapshot = nextSnapshot();
            }
        }
        if (snapshot != null) {
            awaitInstalled(snapshot);
        }
        return changes;
    }

    /**
     * Removes a port from the registry and the schema.
     *
     * @return false when no port has this id
     */
    public boolean retire(String portId) {
        RegistrySnapshot snapshot;
        RegisteredPort removed;
        synchronized (lock) {
            removed = ports.remove(portId);
            int removedStored = removeStored(portId);
            if (removed == null && removedStored == 0) {
                return false;
            }
            snapshot = nextSnapshot();
        }
        // Its client stays open: queries that started on the previous schema may still be reading from it.
        LOG.info("port '{}' retired", portId);
        awaitInstalled(snapshot);
        return true;
    }

    /**
     * Asks every port that is down for its live schemas again; the schema is rebuilt when one came up. Each port
     * still down is logged, one line per port and attempt with its address and the reason.
     *
     * @return the ports that came up
     */
    public List<PortStatus> retryDownPorts() {
        List<Map.Entry<String, RegisteredPort>> down;
        synchronized (lock) {
            down = ports.entrySet().stream()
                    .filter(entry -> !entry.getValue().status().up())
                    .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                    .toList();
        }
        if (down.isEmpty()) {
            return List.of();
        }
        List<RegisteredPort> probed = probeAll(down.stream()
                .map(entry -> new Candidate(entry.getValue().contract(), entry.getValue().storedVersion()))
                .toList());
        List<PortStatus> cameUp = new ArrayList<>();
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            for (int index = 0; index < down.size(); index++) {
                String key = down.get(index).getKey();
                RegisteredPort before = down.get(index).getValue();
                RegisteredPort after = probed.get(index);
                boolean stillRegistered = ports.get(key) == before;
                if (stillRegistered && after.status().up()) {
                    ports.put(key, after);
                    cameUp.add(after.status());
                } else if (stillRegistered) {
                    PortStatus failed = after.status();
                    LOG.warn("port '{}' ({}) at {} is still down, retried: {}", failed.portId(), failed.domain(),
                            failed.location(), failed.message());
                }
            }
            if (!cameUp.isEmpty()) {
                snapshot = nextSnapshot();
            }
        }
        if (snapshot == null) {
            return List.of();
        }
        cameUp.forEach(status -> LOG.info("port '{}' ({}) at {} is up; its datasets {} join the schema",
                status.portId(), status.domain(), status.location(), status.datasets()));
        awaitInstalled(snapshot);
        return cameUp;
    }

    /** The registry as it is now: every port that is up, with its live schemas. */
    public RegistrySnapshot snapshot() {
        synchronized (lock) {
            return currentSnapshot();
        }
    }

    /**
     * Every registered port, up or down, ordered by domain then id; an older major version of a port served beside
     * a newer one is listed under its {@link PortSnapshot#olderMajorKey older-major key}.
     */
    public List<PortStatus> statuses() {
        synchronized (lock) {
            Map<String, Integer> highest = highestMajors();
            return ports.values().stream()
                    .map(port -> statusAs(port, servedKey(port, highest)))
                    .sorted(Comparator.comparing(PortStatus::domain).thenComparing(PortStatus::portId))
                    .toList();
        }
    }

    /** The schema serving new requests, or null before the first one is installed. */
    public ComposedSchema liveSchema() {
        return reloader.current();
    }

    /** Builds and installs the schema of the registry as it is now, and waits for it. */
    public ComposedSchema rebuild() {
        RegistrySnapshot snapshot;
        synchronized (lock) {
            snapshot = nextSnapshot();
        }
        return awaitInstalled(snapshot);
    }

    private RegistrySnapshot nextSnapshot() {
        version++;
        return currentSnapshot();
    }

    private RegistrySnapshot currentSnapshot() {
        Map<String, Integer> highest = highestMajors();
        List<PortSnapshot> live = ports.values().stream()
                .filter(port -> port.status().up())
                .map(port -> new PortSnapshot(port.contract(), port.liveSchemas(), servedKey(port, highest)))
                .toList();
        return new RegistrySnapshot(version, live);
    }

    /** The highest major version registered of each stored port id (up or down). */
    private Map<String, Integer> highestMajors() {
        Map<String, Integer> highest = new HashMap<>();
        for (RegisteredPort port : ports.values()) {
            if (!port.local()) {
                highest.merge(port.contract().id(), port.majorVersion(), Math::max);
            }
        }
        return highest;
    }

    /** The key a port is served by: its id, or for an older major beside a newer one its older-major key. */
    private static String servedKey(RegisteredPort port, Map<String, Integer> highest) {
        String portId = port.contract().id();
        if (port.local() || port.majorVersion() >= highest.getOrDefault(portId, 0)) {
            return portId;
        }
        return PortSnapshot.olderMajorKey(portId, port.majorVersion());
    }

    /** The key a stored port version is kept under here, whatever its rank among the port's majors. */
    private static String slot(String portId, int majorVersion) {
        return PortSnapshot.olderMajorKey(portId, majorVersion);
    }

    /** Whether this gateway serves a local port of that id (which shadows any stored one). */
    private boolean isLocal(String portId) {
        RegisteredPort current = ports.get(portId);
        return current != null && current.local();
    }

    /** Removes every stored major version of a port kept here; returns how many. */
    private int removeStored(String portId) {
        int before = ports.size();
        ports.values().removeIf(port -> !port.local() && port.contract().id().equals(portId));
        return before - ports.size();
    }

    private ComposedSchema awaitInstalled(RegistrySnapshot snapshot) {
        CompletableFuture<ComposedSchema> installed = reloader.submit(snapshot);
        try {
            return installed.get(installTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PorticoException(ErrorCode.INTERNAL, "interrupted while waiting for the new schema", e);
        } catch (TimeoutException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "the schema of registry version " + snapshot.version()
                    + " did not go live within " + installTimeout + "; it will still be installed", e);
        } catch (ExecutionException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "building the schema of registry version "
                    + snapshot.version() + " failed (" + e.getCause().getMessage()
                    + "); the previous schema keeps serving; see the gateway log", e.getCause());
        }
    }

    private List<RegisteredPort> probeAll(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (candidates.size() == 1) {
            return List.of(probe(candidates.getFirst()));
        }
        try (ExecutorService probes = Executors.newFixedThreadPool(PlatformThreads.PARALLEL_PROBES,
                PlatformThreads.named("port-probe-"))) {
            List<Future<RegisteredPort>> futures = candidates.stream()
                    .map(candidate -> probes.submit(() -> probe(candidate)))
                    .toList();
            List<RegisteredPort> probed = new ArrayList<>(futures.size());
            for (Future<RegisteredPort> future : futures) {
                probed.add(future.get());
            }
            return probed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PorticoException(ErrorCode.INTERNAL, "interrupted while asking ports for their schemas", e);
        } catch (ExecutionException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "asking ports for their schemas failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A port that is up with the live schemas it reported moments ago. */
    private RegisteredPort served(Candidate candidate, String location, Map<String, Schema> liveSchemas) {
        OutputPortContract contract = candidate.contract();
        PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.UP,
                "serves " + liveSchemas.keySet(), clock.instant(), List.copyOf(liveSchemas.keySet()));
        return new RegisteredPort(contract, new LinkedHashMap<>(liveSchemas), status, candidate.storedVersion());
    }

    /**
     * Asks a port for its live schemas; never throws for an unreachable or failing port. A stored port whose
     * endpoint its domain does not own ({@link PortAdmission}) is not asked: it stays DOWN.
     */
    private RegisteredPort probe(Candidate candidate) {
        OutputPortContract contract = candidate.contract();
        String location = flightSqlUrl(contract);
        Optional<String> refusal = candidate.storedVersion() == LOCAL ? Optional.empty() : admission.refusal(contract);
        if (refusal.isPresent()) {
            PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.DOWN,
                    refusal.get(), clock.instant(), List.of());
            return new RegisteredPort(contract, Map.of(), status, candidate.storedVersion());
        }
        try {
            Map<String, Schema> tables = clients.forPort(contract.domain(), location).fetchSchemas(contract.id(),
                    contract.datasets().stream().map(DatasetContract::physicalName).toList());
            Map<String, Schema> liveSchemas = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (DatasetContract dataset : contract.datasets()) {
                Schema schema = tableSchema(tables, dataset.physicalName());
                if (schema == null) {
                    missing.add(dataset.physicalName());
                    continue;
                }
                liveSchemas.put(dataset.name(), schema);
            }
            String message = missing.isEmpty()
                    ? "serves " + liveSchemas.keySet()
                    : "serves " + liveSchemas.keySet() + "; the port does not list the table(s) " + missing
                            + " its contract publishes, so they are left out";
            PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.UP,
                    message, clock.instant(), List.copyOf(liveSchemas.keySet()));
            clients.portAnswered(location);
            return new RegisteredPort(contract, liveSchemas, status, candidate.storedVersion());
        } catch (PorticoException e) {
            PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.DOWN,
                    e.getMessage(), clock.instant(), List.of());
            return new RegisteredPort(contract, Map.of(), status, candidate.storedVersion());
        }
    }

    private static Schema tableSchema(Map<String, Schema> tables, String table) {
        Schema exact = tables.get(table);
        if (exact != null) {
            return exact;
        }
        return tables.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(table))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String flightSqlUrl(OutputPortContract contract) {
        return contract.flightServer()
                .flatMap(ServerContract::flightSqlUrl)
                .orElseThrow(() -> new PorticoException(ErrorCode.INVALID_CONTRACT, "contract '" + contract.id()
                        + "' names no Flight SQL server: add a servers[] entry of type 'custom' with the custom"
                        + " property '" + ServerContract.FLIGHT_SQL_URL + "' (e.g. grpc+tcp://host:31337)"));
    }

    private static void logStatus(RegisteredPort port) {
        PortStatus status = port.status();
        if (status.up()) {
            LOG.info("port '{}' ({}) at {} {}", status.portId(), status.domain(), status.location(), status.message());
        } else {
            LOG.warn("port '{}' ({}) is down and left out of the schema until it answers: {}", status.portId(),
                    status.domain(), status.message());
        }
    }

    /** Applies a change of one stored port published here, unless a newer state of that port is already applied. */
    private boolean applyPublished(RegisteredPort port, StoredContract stored) {
        String portId = stored.portId();
        if (!isNewerChange(portId, stored.registryVersion())) {
            return false;
        }
        appliedVersions.put(portId, stored.registryVersion());
        if (isLocal(portId)) {
            return false;
        }
        ports.put(slot(portId, stored.majorVersion()), port);
        return true;
    }

    /** Whether a single change at {@code changeVersion} is newer than what this registry reflects of the port. */
    private boolean isNewerChange(String portId, long changeVersion) {
        return changeVersion > syncedVersion && changeVersion > appliedVersions.getOrDefault(portId, 0L);
    }

    /** Whether a store state at {@code stateVersion} is at least as new as what this registry reflects of the port. */
    private boolean appliesTo(String portId, long stateVersion) {
        return stateVersion >= appliedVersions.getOrDefault(portId, 0L);
    }

    /** The versions served of each stored port, by {@link #slot}: the active version of each major version. */
    private static Map<String, StoredContract> servedVersions(RegistryState state) {
        Map<String, StoredContract> served = new LinkedHashMap<>();
        for (StoredContract stored : state.active()) {
            served.merge(slot(stored.portId(), stored.majorVersion()), stored,
                    (kept, candidate) -> candidate.registryVersion() > kept.registryVersion() ? candidate : kept);
        }
        return served;
    }

    private static PortStatus statusAs(RegisteredPort port, String key) {
        PortStatus status = port.status();
        if (status.portId().equals(key)) {
            return status;
        }
        return new PortStatus(key, status.domain(), status.location(), status.state(), status.message(),
                status.since(), status.datasets());
    }

    /** The stored contracts that parse and name a Flight SQL server; the others are logged and skipped. */
    private static List<Candidate> candidates(List<StoredContract> stored) {
        List<Candidate> candidates = new ArrayList<>(stored.size());
        for (StoredContract version : stored) {
            try {
                OutputPortContract contract = version.contract();
                flightSqlUrl(contract);
                candidates.add(new Candidate(contract, version.registryVersion()));
            } catch (ContractValidationException | PorticoException e) {
                LOG.error("the stored contract of port '{}' (registry version {}) cannot be served and is skipped: {}",
                        version.portId(), version.registryVersion(), e.getMessage());
            }
        }
        return candidates;
    }

    private void reportShadowed(StoredContract stored) {
        if (reportedShadows.add(stored.portId() + "@" + stored.registryVersion())) {
            LOG.warn("port '{}' is registered in the store (version {}, registry version {}) but is a local port of"
                    + " this gateway (portico.ports.contracts or the demo mesh); the local contract is served here",
                    stored.portId(), stored.version(), stored.registryVersion());
        }
    }

    private RegistryStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("this port registry has no store; it registers local ports only");
        }
        return store;
    }

    private void requireNotLocal(String portId, ErrorCode code, String change) {
        synchronized (lock) {
            RegisteredPort current = ports.get(portId);
            if (current != null && current.local()) {
                throw new PorticoException(code, "port '" + portId + "' is configured at this gateway"
                        + " (portico.ports.contracts or the demo mesh) and cannot be " + change + " through the"
                        + " registry; change the gateway's configuration, or use another port id");
            }
        }
    }

    /**
     * A port publication: what the store keeps and how the port answered.
     *
     * @param stored the stored version, committed
     * @param status the port's status at this gateway
     */
    public record Publication(StoredContract stored, PortStatus status) {

        public Publication {
            requireNonNull(stored, "stored is null");
            requireNonNull(status, "status is null");
        }
    }

    /** A contract to probe, with where it comes from: {@link #LOCAL}, or the registry version of its stored row. */
    private record Candidate(OutputPortContract contract, long storedVersion) {

        static Candidate local(OutputPortContract contract) {
            return new Candidate(contract, LOCAL);
        }
    }

    private record RegisteredPort(OutputPortContract contract, Map<String, Schema> liveSchemas, PortStatus status,
            long storedVersion) {

        boolean local() {
            return storedVersion == LOCAL;
        }

        int majorVersion() {
            return RegistryStore.majorVersion(contract);
        }
    }
}
