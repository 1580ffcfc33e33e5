package io.portico.flight;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.cli.PorticoCli;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.draft.DataFiles;
import io.portico.flight.draft.PortInitCommand;
import io.portico.flight.registration.ContractFileWatcher;
import io.portico.flight.registration.GatewayCredentials;
import io.portico.flight.registration.PortSelfRegistration;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one output port as a process (one container per domain in docker-compose). Prints where it listens and what
 * it publishes, and shuts down cleanly on SIGTERM. See {@link FlightPortArguments#USAGE}.
 */
public final class FlightPortMain {

    /** Arrow 18.3 reads Flight data through gRPC internals that the gRPC in use no longer has; use the copying path. */
    static final String ZERO_COPY_READ_PROPERTY = "arrow.flight.enable_zero_copy_read";
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIGURATION = "io/portico/flight/flight-port-logback.xml";
    /** How long the contract file must stay unchanged before a change is served and registered. */
    private static final Duration SELF_REGISTRATION_QUIET_PERIOD = Duration.ofMillis(500);

    private FlightPortMain() {
    }

    public static void main(String[] args) throws Exception {
        configureRuntime();
        if (args.length > 0 && PorticoCli.COMMANDS.contains(args[0])) {
            // ./portico port|token|schema: the launcher's command line.
            System.exit(PorticoCli.run(args));
            return;
        }
        if (args.length > 0 && args[0].equals("init")) {
            PortInitCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("up")) {
            PortUpCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        serve(args, System.getenv());
    }

    /**
     * {@code port serve}: starts the port the arguments describe (options from {@code environment} where the
     * arguments leave them) and returns when it is closed; a wrong command line or a port that cannot start ends the
     * JVM (exit 2 and 1).
     */
    public static void serve(String[] args, Map<String, String> environment) throws Exception {
        FlightPortArguments arguments;
        try {
            arguments = FlightPortArguments.parse(args, environment);
        } catch (IllegalArgumentException e) {
            System.err.println("flight-port: " + e.getMessage());
            System.err.print(FlightPortArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(FlightPortArguments.USAGE);
            return;
        }
        RunningPort running;
        try {
            running = launch(arguments, System.out);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException
                | PorticoException e) {
            // PorticoException: e.g. a table of the contract missing from the database, said in one line.
            System.err.println("flight-port: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "flight-port-shutdown"));
        registerWithGateway(arguments, running, SELF_REGISTRATION_QUIET_PERIOD);
        running.awaitClosed();
    }

    /**
     * For a {@code --contract} file, watches the file: a changed contract that parses is served (the port restarts
     * on the same address). With {@code --gateway-url}, the port's contract is registered with the gateway in the
     * background (retried while the gateway is unreachable), and so is every changed one it serves; when the
     * gateway refuses a changed contract (e.g. a breaking change without a new major version), the port serves the
     * last version the gateway accepted again and logs why, so it never serves what the gateway refused. What it
     * starts is closed with {@code running}.
     */
    static void registerWithGateway(FlightPortArguments arguments, RunningPort running, Duration quietPeriod)
            throws IOException {
        if (arguments.gatewayUrl() == null) {
            if (arguments.contract() != null) {
                running.closeWith(ContractFileWatcher.start(arguments.contract(), quietPeriod,
                        changed -> serveChanged(arguments, running, changed)));
            }
            return;
        }
        PortSelfRegistration registration = new PortSelfRegistration(arguments.gatewayUrl(), arguments.gatewayToken(),
                PortSelfRegistration.Backoff.DEFAULT);
        running.closeWith(registration);
        String document = arguments.contract() != null ? Files.readString(arguments.contract())
                : arguments.demo().contractDocument();
        OutputPortContract initial = running.port().contract();
        registration.registerInBackground(document).thenAccept(answer -> {
            if (answer.accepted()) {
                running.accepted(initial);
            }
        });
        if (arguments.contract() == null) {
            return;
        }
        running.closeWith(ContractFileWatcher.start(arguments.contract(), quietPeriod, changed -> {
            OutputPortContract contract = serveChanged(arguments, running, changed);
            if (contract == null) {
                return;
            }
            registration.registerInBackground(changed).thenAccept(answer -> {
                if (answer.accepted()) {
                    running.accepted(contract);
                } else if (answer.httpStatus() != 0) {
                    running.refused(contract, answer.httpStatus() + " " + answer.outcome() + " - " + answer.message());
                }
            });
        }));
    }

    /** Serves a changed contract file's text; null (logged) when it does not parse or cannot be served. */
    private static OutputPortContract serveChanged(FlightPortArguments arguments, RunningPort running,
            String changed) {
        OutputPortContract contract;
        try {
            contract = ContractParser.parse(changed);
        } catch (ContractValidationException e) {
            log().error("the changed contract {} is not valid and is ignored; the port keeps serving version {}: {}",
                    arguments.contract(), running.port().contract().version(), e.getMessage());
            return null;
        }
        try {
            running.replace(contract);
        } catch (RuntimeException e) {
            log().error("the port cannot serve the changed contract {} ({}); it keeps serving version {}",
                    arguments.contract(), e.getMessage(), running.port().contract().version());
            return null;
        }
        return contract;
    }

    /** Not a static field: logging must not start before {@link #configureRuntime()} chose its configuration. */
    private static Logger log() {
        return LoggerFactory.getLogger(FlightPortMain.class);
    }

    /** Must run before any Arrow or logging class loads. */
    static void configureRuntime() {
        if (System.getProperty(ZERO_COPY_READ_PROPERTY) == null) {
            System.setProperty(ZERO_COPY_READ_PROPERTY, "false");
        }
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIGURATION);
        }
    }

    /** Opens the database (generating demo data if asked), starts the port and prints its location and datasets. */
    static RunningPort launch(FlightPortArguments arguments, PrintStream out) throws Exception {
        OutputPortContract contract = arguments.contract() != null
                ? ContractParser.parse(arguments.contract())
                : ContractParser.parse(arguments.demo().contractDocument());
        AcceptedCredentials credentials = credentials(arguments, contract);
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection duckDb = null;
        try {
            PortDatabase database;
            if (arguments.isDuckDb() && arguments.demo() == null && arguments.duckDbPath() != null) {
                database = PortDatabase.duckDbFile(existingFile(Path.of(arguments.duckDbPath())));
            } else if (arguments.isDuckDb()) {
                duckDb = openDuckDb(arguments, out);
                database = PortDatabase.duckDb(duckDb);
            } else if (arguments.dataFiles() != null) {
                duckDb = DataFiles.at(arguments.dataFiles()).open();
                database = PortDatabase.duckDb(duckDb);
            } else {
                database = PortDatabase.jdbc(arguments.database(), arguments.user(), arguments.password());
            }
            FlightPortConfig config = FlightPortConfig.of(contract, database, credentials)
                    .withHost(arguments.host())
                    .withPort(arguments.port())
                    .withBatchRows(arguments.batchRows())
                    .withSessionPoolSize(arguments.sessionPool())
                    .withStatementCacheSize(arguments.statementCache())
                    .withTls(arguments.tls());
            FlightPort port = FlightPort.start(config, allocator);
            describe(port, out);
            addressMismatch(contract, port.location().getUri().getPort()).ifPresent(warning -> {
                out.println("WARNING: " + warning);
                out.flush();
                log().warn(warning);
            });
            return new RunningPort(allocator, duckDb, port);
        } catch (Exception | Error e) {
            if (duckDb != null) {
                duckDb.close();
            }
            allocator.close();
            throw e;
        }
    }

    /**
     * The credentials the port accepts: those of {@code --credential-file} and the environment; without either, the
     * domain's credential fetched from the gateway with the gateway token (waiting while the gateway is not up).
     */
    static AcceptedCredentials credentials(FlightPortArguments arguments, OutputPortContract contract) {
        if (!arguments.hasConfiguredCredentials()) {
            return GatewayCredentials.fetch(arguments.gatewayUrl(), arguments.gatewayToken(), contract.domain(),
                    PortSelfRegistration.Backoff.DEFAULT);
        }
        AcceptedCredentials credentials = null;
        if (arguments.credentialFile() != null) {
            credentials = AcceptedCredentials.read(arguments.credentialFile());
        }
        if (arguments.credentials() != null) {
            AcceptedCredentials fromEnvironment = AcceptedCredentials.parse(arguments.credentials(),
                    "the environment variable " + FlightPortArguments.CREDENTIALS_VARIABLE);
            credentials = credentials == null ? fromEnvironment : credentials.and(fromEnvironment);
        }
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("no port credential in " + (arguments.credentialFile() != null
                    ? arguments.credentialFile() : FlightPortArguments.CREDENTIALS_VARIABLE)
                    + ": the port would refuse every call");
        }
        return credentials;
    }

    /** A DuckDB file served read-only must exist: DuckDB would not create one read-only. */
    private static Path existingFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such DuckDB file: " + file);
        }
        return file.toAbsolutePath().normalize();
    }

    private static DuckDBConnection openDuckDb(FlightPortArguments arguments, PrintStream out) throws SQLException {
        String path = arguments.duckDbPath();
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(path == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + path);
        try {
            if (arguments.demo() != null) {
                if (tableExists(connection, arguments.demo().table())) {
                    out.println("demo table " + arguments.demo().table() + " exists in " + arguments.database() + "; keeping it");
                } else {
                    long start = System.nanoTime();
                    arguments.demo().populate(connection, arguments.seed(), arguments.scale());
                    out.printf("generated demo data for %s (seed %d, scale %s) in %d ms%n", arguments.demo().domain(),
                            arguments.seed(), arguments.scale(), (System.nanoTime() - start) / 1_000_000);
                }
            }
            DemoDatabases.disableExternalAccess(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Why the gateway will not reach this port at the address its contract publishes, when the contract's
     * {@code flightSqlUrl} names another TCP port than the one the port listens on: the gateway calls the
     * {@code flightSqlUrl} (to check the contract at registration, then for every query), so unless something
     * forwards that port here (a container's published port), the registration is refused. The host is not
     * compared: a port listens on any address of its machine, and the gateway knows it by a name.
     *
     * @param listening the TCP port this port listens on
     * @return the warning, naming both; empty when they agree or the contract names no Flight SQL URL
     */
    static java.util.Optional<String> addressMismatch(OutputPortContract contract, int listening) {
        java.util.Optional<String> url = contract.flightServer().flatMap(server -> server.flightSqlUrl());
        if (url.isEmpty()) {
            return java.util.Optional.empty();
        }
        int published;
        try {
            published = java.net.URI.create(url.get()).getPort();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of("the contract's flightSqlUrl '" + url.get() + "' is not a URL such as"
                    + " grpc+tcp://host:" + listening + "; the gateway will refuse the registration");
        }
        if (published == listening) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the contract's flightSqlUrl " + url.get() + " names TCP port "
                + (published < 0 ? "(none)" : published) + ", but this port listens on " + listening + " (--port)."
                + " The gateway calls the flightSqlUrl, so it will not reach this port there and will refuse its"
                + " registration, unless something forwards " + url.get() + " here. Start with --port "
                + (published < 0 ? "<the URL's port>" : published) + ", or set the contract's flightSqlUrl to"
                + " this port's address.");
    }

    private static boolean tableExists(DuckDBConnection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet tables = metaData.getTables(null, connection.getSchema(), table, null)) {
            return tables.next();
        }
    }

    private static void describe(FlightPort port, PrintStream out) {
        OutputPortContract contract = port.contract();
        out.printf("Portico flight-server: output port %s (domain %s, version %s) listening on %s, answering calls"
                + " with the port credential of domain %s (%d accepted)%n", contract.id(), contract.domain(),
                contract.version(), port.location().getUri(), contract.domain(), port.config().credentials().size());
        for (PublishedTable table : port.publishedTables()) {
            out.printf("  dataset %s -> table %s (%d fields)%n", table.dataset().name(),
                    String.join(".", java.util.stream.Stream.of(table.catalog(), table.schema(), table.name())
                            .filter(java.util.Objects::nonNull).toList()),
                    table.dataset().fields().size());
        }
        out.flush();
    }

    /**
     * A port started from the command line, with everything it owns; closing stops it and releases them. Its port
     * can be {@link #replace replaced} by one serving a changed contract.
     */
    static final class RunningPort implements AutoCloseable {

        private final BufferAllocator allocator;
        private final DuckDBConnection duckDb;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Deque<AutoCloseable> companions = new ArrayDeque<>();
        private volatile FlightPort port;
        /** The last contract the gateway accepted; null before its first answer accepting one. */
        private OutputPortContract accepted;

        RunningPort(BufferAllocator allocator, DuckDBConnection duckDb, FlightPort port) {
            this.allocator = allocator;
            this.duckDb = duckDb;
            this.port = port;
        }

        /** The port serving now. */
        FlightPort port() {
            return port;
        }

        /** The gateway accepted {@code contract}: it is the version to fall back to. */
        synchronized void accepted(OutputPortContract contract) {
            accepted = contract;
        }

        /**
         * The gateway refused {@code contract}: while it is still what the port serves, the port serves the last
         * version the gateway accepted again (a newer change served meanwhile is left alone). Logged either way.
         *
         * @param why the gateway's answer, for the log
         */
        synchronized void refused(OutputPortContract contract, String why) {
            if (closed.get() || !port.contract().equals(contract)) {
                log().error("the gateway refused contract {} version {}: {}", contract.id(), contract.version(), why);
                return;
            }
            if (accepted == null) {
                log().error("the gateway refused contract {} version {}: {}; no version of it was accepted yet, so the"
                        + " port keeps serving it until a contract the gateway accepts is saved", contract.id(),
                        contract.version(), why);
                return;
            }
            log().error("the gateway refused contract {} version {}: {}; the port serves version {} again, the last"
                    + " the gateway accepted, until a contract the gateway accepts is saved", contract.id(),
                    contract.version(), why, accepted.version());
            try {
                replace(accepted);
            } catch (RuntimeException e) {
                log().error("the port cannot serve version {} again ({}); it keeps serving version {}",
                        accepted.version(), e.getMessage(), port.contract().version());
            }
        }

        /** Closes {@code companion} with this port, before the port (last added, first closed). */
        synchronized void closeWith(AutoCloseable companion) {
            companions.push(companion);
        }

        /**
         * Serves {@code contract} instead: stops the port and starts one for the new contract on the same address.
         * When the new one cannot start (e.g. a table is missing), the previous contract is served again.
         *
         * @throws RuntimeException why the new contract cannot be served
         */
        synchronized void replace(OutputPortContract contract) {
            if (closed.get()) {
                throw new IllegalStateException("the port is closed");
            }
            FlightPortConfig previous = port.config().withPort(port.location().getUri().getPort());
            FlightPortConfig next = previous.withContract(contract);
            port.close();
            try {
                port = startOnFreedAddress(next);
                log().info("the port serves contract {} version {} now", contract.id(), contract.version());
            } catch (RuntimeException e) {
                port = startOnFreedAddress(previous);
                throw e;
            }
        }

        /** Starts a port on the address a stopped one just released; the operating system may need a moment. */
        private FlightPort startOnFreedAddress(FlightPortConfig config) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return FlightPort.start(config, allocator);
                } catch (PorticoException e) {
                    if (e.code() != ErrorCode.PORT_UNAVAILABLE || attempt >= 20) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** Blocks until the port is closed. */
        void awaitClosed() throws InterruptedException {
            stopped.await();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            synchronized (this) {
                while (!companions.isEmpty()) {
                    try {
                        companions.pop().close();
                    } catch (Exception e) {
                        System.err.println("flight-port: could not stop " + e.getMessage());
                    }
                }
                port.close();
            }
            if (duckDb != null) {
                try {
                    duckDb.close();
                } catch (SQLException e) {
                    System.err.println("flight-port: could not close the database: " + e.getMessage());
                }
            }
            allocator.close();
            stopped.countDown();
        }
    }
}
