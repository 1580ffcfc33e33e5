package io.portico.gateway.demo;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.PlatformThreads;
import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.tracing.PortTracing;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.port.PortCredentials;
import io.portico.gateway.registry.PortContractSource;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo mesh: the three demo output ports (sales, crm, logistics), each a Flight SQL server on
 * loopback with a free TCP port over its own in-memory DuckDB database of generated data, accepting only the port
 * credential of its domain that the gateway presents. Its contracts point at the ports' actual addresses; the
 * gateway registers them like any other port. Closed with the gateway.
 */
public final class DemoMesh implements PortContractSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMesh.class);

    private final List<DemoPort> ports;

    private DemoMesh(List<DemoPort> ports) {
        this.ports = List.copyOf(ports);
    }

    /**
     * Generates the demo data and starts the three ports (in parallel).
     *
     * @param allocator the process's root allocator; each port takes a child
     * @param seed      same seed, same rows
     * @param scale     1.0 for 200,000 orders and 20,000 customers
     * @param credentials the credential of each domain: each port accepts its domain's
     */
    public static DemoMesh start(BufferAllocator allocator, long seed, double scale, PortCredentials credentials) {
        return start(allocator, seed, scale, credentials, PortTracing.OFF);
    }

    /** {@link #start(BufferAllocator, long, double, PortCredentials)}, the ports' spans made with {@code tracing}. */
    public static DemoMesh start(BufferAllocator allocator, long seed, double scale, PortCredentials credentials,
            PortTracing tracing) {
        requireNonNull(tracing, "tracing is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(credentials, "credentials is null");
        long started = System.nanoTime();
        List<DemoPort> ports = new ArrayList<>();
        // Platform threads (see PlatformThreads): with virtual ones, 3 port starts loading classes on 2 cores hung.
        try (ExecutorService starts = Executors.newThreadPerTaskExecutor(PlatformThreads.named("demo-port-start-"))) {
            List<Future<DemoPort>> futures = new ArrayList<>();
            for (DemoDomain domain : DemoDomain.values()) {
                AcceptedCredentials accepted = AcceptedCredentials.of(credentials.credentialOf(domain.domain()));
                futures.add(starts.submit(() -> DemoPort.start(domain, allocator, seed, scale, accepted, tracing)));
            }
            RuntimeException failure = null;
            for (Future<DemoPort> future : futures) {
                try {
                    ports.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? asRuntime(e.getCause()) : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? new IllegalStateException("interrupted starting the demo mesh", e) : failure;
                }
            }
            if (failure != null) {
                ports.forEach(DemoPort::close);
                throw failure;
            }
        }
        LOG.info("demo mesh started in {} ms (seed {}, scale {}): {}", (System.nanoTime() - started) / 1_000_000, seed,
                scale, ports.stream().map(port -> port.domain().domain() + " at " + port.location()).toList());
        return new DemoMesh(ports);
    }

    @Override
    public List<OutputPortContract> contracts() {
        return ports.stream().map(DemoPort::contract).toList();
    }

    /** The running ports, in {@link DemoDomain} order. */
    public List<DemoPort> ports() {
        return ports;
    }

    /** The running port of a domain. */
    public DemoPort port(DemoDomain domain) {
        return ports.stream().filter(port -> port.domain() == domain).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        ports.forEach(DemoPort::close);
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new PorticoException(ErrorCode.INTERNAL, "the demo mesh did not start: " + failure.getMessage(), failure);
    }

    /**
     * One running demo port and its database.
     *
     * @param domain   the demo domain
     * @param port     the Flight SQL server
     * @param database its in-memory DuckDB database
     * @param contract the domain's contract, pointing at {@code port}
     */
    public record DemoPort(DemoDomain domain, FlightPort port, DuckDBConnection database, OutputPortContract contract) {

        static DemoPort start(DemoDomain domain, BufferAllocator allocator, long seed, double scale,
                AcceptedCredentials credentials, PortTracing tracing) {
            DuckDBConnection database;
            try {
                database = DemoDatabases.inMemory(domain, seed, scale);
            } catch (SQLException e) {
                throw new PorticoException(ErrorCode.INTERNAL, "cannot generate the demo data of " + domain.domain()
                        + ": " + e.getMessage(), e);
            }
            try {
                OutputPortContract contract = ContractParser.parse(domain.contractDocument());
                FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(database),
                        credentials), allocator, tracing);
                return new DemoPort(domain, port, database,
                        ContractLocations.withFlightSqlUrl(contract, port.location().getUri().toString()));
            } catch (RuntimeException e) {
                closeQuietly(database);
                throw e;
            }
        }

        /** The port's Flight SQL URL, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
        public String location() {
            return port.location().getUri().toString();
        }

        void close() {
            try {
                port.close();
            } finally {
                closeQuietly(database);
            }
        }

        private static void closeQuietly(DuckDBConnection database) {
            try {
                database.close();
            } catch (SQLException e) {
                LOG.warn("closing the demo database failed: {}", e.getMessage());
            }
        }
    }
}
