package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.PlatformThreads;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.TableSchemas;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks ports for their live Arrow schemas: the one place the registry contacts a port. A probe never throws for
 * an unreachable or failing port (it comes back DOWN with the reason); a stored port whose endpoint its domain
 * does not own ({@link PortAdmission}) is not asked at all.
 */
final class PortProber {

    /** The registry's log: its lines keep the logger name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    private final FlightPortClients clients;
    private final PortAdmission admission;
    private final Clock clock;

    PortProber(FlightPortClients clients, PortAdmission admission, Clock clock) {
        this.clients = requireNonNull(clients, "clients is null");
        this.admission = requireNonNull(admission, "admission is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Probes several ports in parallel; the result is in argument order. */
    List<RegisteredPort> probeAll(List<PortCandidate> candidates) {
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

    /**
     * Asks a port for its live schemas; never throws for an unreachable or failing port. A stored port whose
     * endpoint its domain does not own ({@link PortAdmission}) is not asked: it stays DOWN.
     */
    RegisteredPort probe(PortCandidate candidate) {
        OutputPortContract contract = candidate.contract();
        String location = flightSqlUrl(contract);
        Optional<String> refusal = candidate.local() ? Optional.empty() : admission.refusal(contract);
        if (refusal.isPresent()) {
            return down(candidate, location, refusal.get());
        }
        try {
            Map<String, Schema> tables = clients.forPort(contract.domain(), location).fetchSchemas(contract.id(),
                    contract.datasets().stream().map(DatasetContract::physicalName).toList());
            Map<String, Schema> liveSchemas = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (DatasetContract dataset : contract.datasets()) {
                Optional<Schema> schema = TableSchemas.find(tables, dataset.physicalName());
                if (schema.isEmpty()) {
                    missing.add(dataset.physicalName());
                    continue;
                }
                liveSchemas.put(dataset.name(), schema.get());
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
            return down(candidate, location, e.getMessage());
        }
    }

    /** A port that is up with the live schemas it reported moments ago: not asked again. */
    RegisteredPort served(PortCandidate candidate, Map<String, Schema> liveSchemas) {
        OutputPortContract contract = candidate.contract();
        PortStatus status = new PortStatus(contract.id(), contract.domain(), flightSqlUrl(contract),
                PortStatus.State.UP, "serves " + liveSchemas.keySet(), clock.instant(),
                List.copyOf(liveSchemas.keySet()));
        return new RegisteredPort(contract, new LinkedHashMap<>(liveSchemas), status, candidate.storedVersion());
    }

    /**
     * The Flight SQL URL a contract names.
     *
     * @throws PorticoException {@code INVALID_CONTRACT} when the contract names no Flight SQL server
     */
    static String flightSqlUrl(OutputPortContract contract) {
        return contract.flightServer()
                .flatMap(ServerContract::flightSqlUrl)
                .orElseThrow(() -> new PorticoException(ErrorCode.INVALID_CONTRACT, "contract '" + contract.id()
                        + "' names no Flight SQL server: add a servers[] entry of type 'custom' with the custom"
                        + " property '" + ServerContract.FLIGHT_SQL_URL + "' (e.g. grpc+tcp://host:31337)"));
    }

    /** Logs how a probe went: where an up port serves, why a down port is left out. */
    static void logStatus(RegisteredPort port) {
        PortStatus status = port.status();
        if (status.up()) {
            LOG.info("port '{}' ({}) at {} {}", status.portId(), status.domain(), status.location(), status.message());
        } else {
            LOG.warn("port '{}' ({}) is down and left out of the schema until it answers: {}", status.portId(),
                    status.domain(), status.message());
        }
    }

    private RegisteredPort down(PortCandidate candidate, String location, String reason) {
        OutputPortContract contract = candidate.contract();
        PortStatus status = new PortStatus(contract.id(), contract.domain(), location, PortStatus.State.DOWN,
                reason, clock.instant(), List.of());
        return new RegisteredPort(contract, Map.of(), status, candidate.storedVersion());
    }
}
