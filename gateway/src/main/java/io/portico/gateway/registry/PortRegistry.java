package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.FlightPortClients;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class PortRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    private final FlightPortClients clients;
    private final SchemaReloader reloader;
    private final Duration installTimeout;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, RegisteredPort> ports = new LinkedHashMap<>();
    private long version;

    /**
     * @param clients        the port clients, to ask ports for their live schemas
     * @param reloader       where new snapshots go
     * @param installTimeout how long a change may wait for its schema to go live
     * @param clock          the time of status changes
     */
    public PortRegistry(FlightPortClients clients, SchemaReloader reloader, Duration installTimeout, Clock clock) {
        this.clients = requireNonNull(clients, "clients is null");
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.installTimeout = requireNonNull(installTimeout, "installTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
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
        List<RegisteredPort> probed = probeAll(contracts);
        RegistrySnapshot snapshot;
        synchronized (lock) {
            probed.forEach(port -> ports.put(port.contract().id(), port));
            snapshot = nextSnapshot();
        }
        probed.forEach(PortRegistry::logStatus);
        awaitInstalled(snapshot);
        return probed.stream().map(RegisteredPort::status).toList();
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
            if (removed == null) {
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
     * Asks every port that is down for its live schemas again; the schema is rebuilt when one came up.
     *
     * @return the ports that came up
     */
    public List<PortStatus> retryDownPorts() {
        List<RegisteredPort> down;
        synchronized (lock) {
            down = ports.values().stream().filter(port -> !port.status().up()).toList();
        }
        if (down.isEmpty()) {
            return List.of();
        }
        List<RegisteredPort> probed = probeAll(down.stream().map(RegisteredPort::contract).toList());
        List<PortStatus> cameUp = new ArrayList<>();
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            for (int index = 0; index < down.size(); index++) {
                RegisteredPort before = down.get(index);
                RegisteredPort after = probed.get(index);
                boolean stillRegistered = ports.get(before.contract().id()) == before;
                if (stillRegistered && after.status().up()) {
                    ports.put(after.contract().id(), after);
                    cameUp.add(after.status());
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

    /** Every registered port, up or down, ordered by domain then id. */
    public List<PortStatus> statuses() {
        synchronized (lock) {
            return ports.values().stream()
                    .map(RegisteredPort::status)
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
        List<PortSnapshot> live = ports.values().stream()
                .filter(port -> port.status().up())
                .map(port -> new PortSnapshot(port.contract(), port.liveSchemas()))
                .toList();
        return new RegistrySnapshot(version, live);
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

    private List<RegisteredPort> probeAll(List<OutputPortContract> contracts) {
        if (contracts.size() == 1) {
            return List.of(probe(contracts.getFirst()));
        }
        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RegisteredPort>> futures = contracts.stream()
                    .map(contract -> probes.submit(() -> probe(contract)))
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

    /** Asks a port for its live schemas; never throws for an unreachable or failing port. */
    private RegisteredPort probe(OutputPortContract contract) {
        String location = flightSqlUrl(contract);
        try {
            Map<String, Schema> tables = clients.forLocation(location).fetchSchemas(contract.id());
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
            return new RegisteredPort(contract, liveSchemas, status);
        } catch (PorticoException e) {
            PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.DOWN,
                    e.getMessage(), clock.instant(), List.of());
            return new RegisteredPort(contract, Map.of(), status);
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

    private record RegisteredPort(OutputPortContract contract, Map<String, Schema> liveSchemas, PortStatus status) {
    }
}
