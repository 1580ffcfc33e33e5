package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.PortCredentialAuthenticator;
import io.portico.flight.tracing.PortTracing;
import io.portico.flight.tracing.TraceContextMiddleware;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running output port: an Arrow Flight SQL server that publishes the datasets of one contract from one JDBC
 * database, read-only.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *      DuckDBConnection duckDb = DemoDatabases.inMemory(DemoDomain.SALES, 42, 0.01);
 *      FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(duckDb),
 *              AcceptedCredentials.of(salesCredential)), allocator)) {
 *     URI uri = port.location().getUri();           // grpc+tcp://127.0.0.1:<free port>
 *     ...
 *     port.statementLog().last();                   // the SQL the port ran, its parameters, rows sent
 * }
 * }</pre>
 *
 * <p>Every call must present one of the configured credentials ({@link PortCredentialAuthenticator}); with
 * {@link FlightPortConfig#tls()} the port speaks TLS only ({@code grpc+tls://}).
 *
 * <p>The port allocates its Arrow memory from a child of the given allocator and leaves the given allocator as it
 * found it when closed. It never closes the database.
 */
public final class FlightPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlightPort.class);
    /** How long a stopped server's transport may take to release the last batches it was sending. */
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

    private final FlightPortConfig config;
    private final BufferAllocator allocator;
    private final ContractFlightSqlProducer producer;
    private final FlightServer server;
    private final ExecutorService executor;
    private final QueryStreamer streamer;
    private final PortSessions sessions;
    private final Location location;
    private final StatementLog statementLog;
    private final List<PublishedTable> publishedTables;
    private final PortCredentialAuthenticator authenticator;
    private final CallCounter calls;

    private FlightPort(FlightPortConfig config, BufferAllocator allocator, ContractFlightSqlProducer producer,
                       FlightServer server, ExecutorService executor, QueryStreamer streamer,
                       PortSessions sessions, StatementLog statementLog, List<PublishedTable> publishedTables,
                       PortCredentialAuthenticator authenticator, CallCounter calls) {
        this.config = config;
        this.allocator = allocator;
        this.producer = producer;
        this.server = server;
        this.executor = executor;
        this.streamer = streamer;
        this.sessions = sessions;
        this.location = location(config, server.getPort());
        this.statementLog = statementLog;
        this.publishedTables = List.copyOf(publishedTables);
        this.authenticator = authenticator;
        this.calls = calls;
    }

    private static Location location(FlightPortConfig config, int port) {
        return config.tls() == null ? Location.forGrpcInsecure(config.host(), port)
                : Location.forGrpcTls(config.host(), port);
    }

    /**
     * Starts a port: resolves the contract's datasets in the database, then listens.
     *
     * @throws PorticoException {@link ErrorCode#INVALID_CONTRACT} when a dataset's table does not exist,
     *                          {@link ErrorCode#PORT_UNAVAILABLE} when the database or the address cannot be used
     */
    public static FlightPort start(FlightPortConfig config, BufferAllocator allocator) {
        return start(config, allocator, PortTracing.fromEnvironment());
    }

    /**
     * {@link #start(FlightPortConfig, BufferAllocator)} making its spans with {@code tracing} (a port in the
     * gateway's JVM, the demo mesh, traces with the gateway's).
     */
    public static FlightPort start(FlightPortConfig config, BufferAllocator allocator, PortTracing tracing) {
        requireNonNull(config, "config is null");
        requireNonNull(tracing, "tracing is null");
        requireNonNull(allocator, "allocator is null");
        OutputPortContract contract = config.contract();
        BufferAllocator portAllocator = allocator.newChildAllocator("flight-port-" + contract.id(), 0, Long.MAX_VALUE);
        ContractFlightSqlProducer producer = null;
        QueryStreamer streamer = null;
        ExecutorService executor = callExecutor(contract);
        PortSessions sessions = PortSessions.of(config.database(), config.sessionPoolSize(), config.statementCacheSize());
        try {
            PublishedTables published = resolve(config, sessions);
            StatementLog statementLog = new StatementLog(config.statementLogCapacity());
            streamer = new QueryStreamer(sessions, portAllocator, config.batchRows(), statementLog, tracing);
            producer = new ContractFlightSqlProducer(contract, config.database(), sessions, published, portAllocator,
                    streamer, tracing);
            PortCredentialAuthenticator authenticator = new PortCredentialAuthenticator(config.credentials());
            CallCounter calls = new CallCounter();
            FlightServer.Builder builder = FlightServer.builder(portAllocator, location(config, config.port()),
                            producer)
                    .headerAuthenticator(authenticator)
                    .middleware(CallCounter.KEY, calls)
                    .backpressureThreshold(config.backpressureThresholdBytes())
                    .executor(executor);
            if (tracing.enabled()) {
                builder.middleware(TraceContextMiddleware.KEY, tracing.middleware());
            }
            if (config.tls() != null) {
                builder.useTls(config.tls().certificateChain().toFile(), config.tls().privateKey().toFile());
            }
            FlightServer server = builder.build().start();
            FlightPort port = new FlightPort(config, portAllocator, producer, server, executor, streamer, sessions,
                    statementLog, published.tables(), authenticator, calls);
            LOG.info("output port {} of domain {} listening on {} over {} (datasets: {})", contract.id(), contract.domain(),
                    port.location().getUri(), config.database().describe(), published.describe());
            return port;
        } catch (IOException e) {
            executor.shutdownNow();
            closeAfterFailedStart(producer, streamer, sessions, portAllocator);
            throw new PorticoException(ErrorCode.PORT_UNAVAILABLE, "cannot listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            closeAfterFailedStart(producer, streamer, sessions, portAllocator);
            throw e;
        }
    }

    /**
     * The executor of the port's calls. The port owns it (Flight's own default executor is shut down together with
     * the server, so that gRPC cannot finish tearing down a connection whose client stopped reading, and the batches
     * queued on it are never released).
     */
    private static ExecutorService callExecutor(OutputPortContract contract) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "flight-port-" + contract.id() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Finds the contract's datasets on a first session, which (for DuckDB) then waits in the pool for a statement. */
    private static PublishedTables resolve(FlightPortConfig config, PortSessions sessions) {
        try {
            PortSession session = sessions.lend();
            boolean reusable = false;
            try {
                PublishedTables published = PublishedTables.resolve(config.contract(), session.connection(),
                        config.database().dialect());
                reusable = true;
                return published;
            } finally {
                session.release(reusable);
            }
        } catch (SQLException e) {
            throw new PorticoException(ErrorCode.PORT_UNAVAILABLE, "cannot read the catalog of "
                    + config.database().describe() + ": " + FlightErrors.firstLine(e.getMessage()), e);
        }
    }

    private static void closeAfterFailedStart(ContractFlightSqlProducer producer, QueryStreamer streamer,
                                              PortSessions sessions, BufferAllocator portAllocator) {
        if (producer != null) {
            producer.close();
        }
        sessions.close();
        if (streamer != null) {
            streamer.awaitReleased(Duration.ZERO);
        }
        portAllocator.close();
    }

    /** Where clients connect, with the actual TCP port, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
    public Location location() {
        return location;
    }

    public OutputPortContract contract() {
        return config.contract();
    }

    public FlightPortConfig config() {
        return config;
    }

    /** The contract's datasets as found in the database, in contract order. */
    public List<PublishedTable> publishedTables() {
        return publishedTables;
    }

    /** The statements this port executed most recently. */
    public StatementLog statementLog() {
        return statementLog;
    }

    /** The Flight RPCs this port received, by method: the round trips its clients spend. */
    public CallCounter calls() {
        return calls;
    }

    /** How many calls this port refused for want of a credential it accepts. */
    public long refusedCalls() {
        return authenticator.refusedCalls();
    }

    /** The statement guard of this port, to check a statement without running it. */
    public StatementGuard statementGuard() {
        return producer.guard();
    }

    /** The port's database sessions (pooled for DuckDB). */
    PortSessions sessions() {
        return sessions;
    }

    /** How many prepared statements clients have open on this port. */
    int openPreparedStatements() {
        return producer.openPreparedStatements();
    }

    /** Blocks until the server stops (see {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops the server (running streams end at their next batch; a client that stopped reading delays this by up to
     * a few seconds before its connection is closed), forgets prepared statements, closes the port's database
     * sessions (a session still lent to a stream that outlived the stop closes when that stream ends) and the
     * port's Arrow memory.
     *
     * @throws IllegalStateException when Arrow memory was leaked
     */
    @Override
    public void close() {
        producer.close();
        try {
            server.close();
            executor.shutdown();
            if (!executor.awaitTermination(RELEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sessions.close();
        streamer.awaitReleased(RELEASE_TIMEOUT);
        allocator.close();
        LOG.info("output port {} on {} stopped", config.contract().id(), location.getUri());
    }
}
