package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.registry.store.RegistryState;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * <p>This class is the facade and the lock; each job is its own class: {@link PortProber} asks ports for their
 * live schemas, {@link RegisteredPorts} is the set of ports (a local port under its id, a stored one under
 * {@code olderMajorKey(id, major)} whatever its rank), {@link ServedPorts} works out the key each is served by, the
 * snapshot and the statuses, {@link StoredPortSync} applies the registry database's changes in order,
 * {@link DownPortRetry} asks the ports that are down again and {@link SchemaWait} waits for a change's schema.
 */
public final class PortRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    private final FlightPortClients clients;
    private final SchemaReloader reloader;
    private final SchemaWait schemaWait;
    private final RegistryStore store;
    private final PortProber prober;
    private final Object lock = new Object();
    private final RegisteredPorts ports = new RegisteredPorts();
    private final StoredPortSync sync;
    private final DownPortRetry downPorts;

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
        this.clients = requireNonNull(clients, "clients is null");
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.schemaWait = new SchemaWait(reloader, installTimeout);
        this.prober = new PortProber(clients, admission, requireNonNull(clock, "clock is null"));
        this.store = store;
        this.sync = new StoredPortSync(lock, ports, prober);
        this.downPorts = new DownPortRetry(lock, ports, prober);
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
        contracts.forEach(PortProber::flightSqlUrl);
        List<RegisteredPort> probed = prober.probeAll(contracts.stream().map(PortCandidate::local).toList());
        RegistrySnapshot snapshot;
        synchronized (lock) {
            probed.forEach(ports::putLocal);
            snapshot = ports.nextSnapshot();
        }
        probed.forEach(PortProber::logStatus);
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
        String location = PortProber.flightSqlUrl(contract);
        requireNotLocal(contract.id(), ErrorCode.INVALID_CONTRACT, "published");
        StoredContract stored = durable.register(contract, document, publishedBy, expectedLastChange);
        LOG.info("port '{}' version {} published by '{}' (registry version {}, revision {})", stored.portId(),
                stored.version(), publishedBy, stored.registryVersion(), stored.revision());
        PortCandidate candidate = new PortCandidate(contract, stored.registryVersion());
        RegisteredPort probed = liveSchemas == null ? prober.probe(candidate) : prober.served(candidate, liveSchemas);
        if (probed.status().up()) {
            // It just answered: its queries need not wait out a breaker or a failed channel of its last life.
            clients.portAnswered(location);
        }
        RegistrySnapshot snapshot = null;
        synchronized (lock) {
            if (sync.applyPublished(probed, stored)) {
                snapshot = ports.nextSnapshot();
            }
        }
        PortProber.logStatus(probed);
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
            if (sync.acceptChange(portId, retiredAt) && !ports.isLocal(portId) && ports.removeStored(portId) > 0) {
                snapshot = ports.nextSnapshot();
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
            if (sync.acceptChange(portId, retiredAt) && !ports.isLocal(portId)
                    && ports.removeStored(portId, majorVersion)) {
                snapshot = ports.nextSnapshot();
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
        StoredPortSync.Synchronization synchronization = sync.synchronize(state);
        if (synchronization.snapshot() != null) {
            awaitInstalled(synchronization.snapshot());
        }
        return synchronization.changes();
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
            removed = ports.removeLocal(portId);
            int removedStored = ports.removeStored(portId);
            if (removed == null && removedStored == 0) {
                return false;
            }
            snapshot = ports.nextSnapshot();
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
        DownPortRetry.Retry retry = downPorts.retry();
        if (retry.snapshot() == null) {
            return List.of();
        }
        retry.cameUp().forEach(status -> LOG.info("port '{}' ({}) at {} is up; its datasets {} join the schema",
                status.portId(), status.domain(), status.location(), status.datasets()));
        awaitInstalled(retry.snapshot());
        return retry.cameUp();
    }

    /** The registry as it is now: every port that is up, with its live schemas. */
    public RegistrySnapshot snapshot() {
        synchronized (lock) {
            return ports.currentSnapshot();
        }
    }

    /**
     * Every registered port, up or down, ordered by domain then id; an older major version of a port served beside
     * a newer one is listed under its {@link PortSnapshot#olderMajorKey older-major key}.
     */
    public List<PortStatus> statuses() {
        synchronized (lock) {
            return ports.statuses();
        }
    }

    /**
     * Whether {@code portId} is a local port of this gateway (its start-up contracts: configuration, demo mesh),
     * which shadows any stored registration of that id and cannot be published or retired through the registry.
     * The one answer to that question: a port that is served here from a stored registration is not local, even
     * while the store no longer holds an active version of it.
     */
    public boolean isLocal(String portId) {
        synchronized (lock) {
            return ports.isLocal(portId);
        }
    }

    /** The schema serving new requests, or null before the first one is installed. */
    public ComposedSchema liveSchema() {
        return reloader.current();
    }

    /**
     * The schema serving new requests with the snapshot it was built from, read together (null before the first
     * install): which ports are served, as opposed to {@link #snapshot()}, which has a change's ports already while
     * its schema is still being built.
     */
    public SchemaReloader.Live live() {
        return reloader.live();
    }

    /** Builds and installs the schema of the registry as it is now, and waits for it. */
    public ComposedSchema rebuild() {
        RegistrySnapshot snapshot;
        synchronized (lock) {
            snapshot = ports.nextSnapshot();
        }
        return awaitInstalled(snapshot);
    }

    private ComposedSchema awaitInstalled(RegistrySnapshot snapshot) {
        return schemaWait.awaitInstalled(snapshot);
    }

    private RegistryStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("this port registry has no store; it registers local ports only");
        }
        return store;
    }

    private void requireNotLocal(String portId, ErrorCode code, String change) {
        if (isLocal(portId)) {
            throw new PorticoException(code, "port '" + portId + "' is configured at this gateway"
                    + " (portico.ports.contracts or the demo mesh) and cannot be " + change + " through the"
                    + " registry; change the gateway's configuration, or use another port id");
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
}
