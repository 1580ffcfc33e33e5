package io.portico.flight.testkit;

import static java.util.Objects.requireNonNull;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.PortTls;
import io.portico.flight.StatementLog;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * A real Flight SQL output port for tests: flight-server's own {@link FlightPort} on loopback (port 0) over an
 * in-memory DuckDB, serving the datasets of a contract and accepting the credentials it is given (what the gateway
 * presents to the ports of a domain). Closing it stops the port, closes the database and closes its allocator, which
 * fails on leaked Arrow memory.
 *
 * <pre>{@code
 * try (TestPort port = TestPort.builder()
 *         .setup("CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR)",
 *                "INSERT INTO gadgets VALUES (1, 'lamp')")
 *         .contract(ContractBuilder.contract("lab-port").domain("lab").dataset(...))
 *         .accepting(credentialOfLab)
 *         .start()) {
 *     publish(port.contract());   // the contract naming the port's real address
 * }
 * }</pre>
 *
 * A contract given as text (or as a {@link ContractBuilder}, whose URL defaults to it) may name the port's address as
 * {@value #URL}: the port is configured with {@link #NOWHERE} in its place, and {@link #contract()} answers the text
 * with the real address.
 */
public final class TestPort implements AutoCloseable {

    /** The placeholder of the port's own URL in a contract text. */
    public static final String URL = "${url}";
    /** A Flight SQL URL nothing listens on. */
    public static final String NOWHERE = "grpc+tcp://127.0.0.1:1";

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;
    private final String contractText;

    private TestPort(BufferAllocator allocator, DuckDBConnection database, FlightPort port, String contractText) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
        this.contractText = contractText;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port's Flight SQL URL, e.g. {@code grpc+tcp://127.0.0.1:41234} ({@code grpc+tls://} with TLS). */
    public String url() {
        return uri().toString();
    }

    public URI uri() {
        return port.location().getUri();
    }

    public Location location() {
        return port.location();
    }

    /** The contract text given, naming the port's real address; fails if the contract was given as a model. */
    public String contract() {
        if (contractText == null) {
            throw new IllegalStateException("the port's contract was given as a model, not as text");
        }
        return contractText.replace(URL, url());
    }

    /** The contract the port serves (parsed; with {@link #NOWHERE} where the text said {@value #URL}). */
    public OutputPortContract servedContract() {
        return port.contract();
    }

    /** The statements the port received. */
    public StatementLog statementLog() {
        return port.statementLog();
    }

    /** flight-server's port itself, for what this class does not offer. */
    public FlightPort flightPort() {
        return port;
    }

    /** The port's database: change it as its domain's pipeline would. */
    public DuckDBConnection database() {
        return database;
    }

    /** Runs statements on the port's own database, one after the other (e.g. {@code UPDATE gadgets ...}). */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = database.duplicate(); Statement statement = connection.createStatement()) {
            for (String one : sql) {
                statement.execute(one);
            }
        }
    }

    /** The first column of what a query on the port's own database returns, as longs. */
    public List<Long> longs(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection connection = database.duplicate();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        try {
            port.close();
        } finally {
            try {
                database.close();
            } finally {
                allocator.close();
            }
        }
    }

    /** A step that prepares the database after the setup SQL (e.g. {@code DemoDatabases::disableExternalAccess}). */
    @FunctionalInterface
    public interface DatabaseStep {
        void apply(DuckDBConnection database) throws SQLException;
    }

    /** How to start a {@link TestPort}; every method returns this builder. */
    public static final class Builder {

        private DuckDBConnection database;
        private final List<String> setup = new ArrayList<>();
        private final List<DatabaseStep> steps = new ArrayList<>();
        private String contractText;
        private OutputPortContract contractModel;
        private Function<String, AcceptedCredentials> credentials;
        private PortTls tls;
        private UnaryOperator<FlightPortConfig> configuration = UnaryOperator.identity();
        private BufferAllocator parentAllocator;
        private String allocatorName = "test-port";

        private Builder() {
        }

        /** A database filled already (e.g. {@code DemoDatabases.inMemory(...)}); the port closes it. */
        public Builder database(DuckDBConnection filled) {
            database = requireNonNull(filled, "filled is null");
            return this;
        }

        /** SQL statements that create and fill the tables, run in order. */
        public Builder setup(String... sql) {
            setup.addAll(List.of(sql));
            return this;
        }

        /**
         * A table of {@code rows} generated rows: {@code CREATE TABLE table (columns)}, then
         * {@code INSERT INTO table SELECT values FROM range(rows) AS generated(i)}, so {@code values} are
         * expressions of the row number {@code i}.
         */
        public Builder generatedRows(String table, String columns, String values, long rows) {
            setup.add("CREATE TABLE " + table + " (" + columns + ")");
            setup.add("INSERT INTO " + table + " SELECT " + values + " FROM range(" + rows + ") AS generated(i)");
            return this;
        }

        /** A step run on the database after the setup SQL. */
        public Builder prepare(DatabaseStep step) {
            steps.add(requireNonNull(step, "step is null"));
            return this;
        }

        /** The contract as ODCS YAML; it may name the port's address as {@value TestPort#URL}. */
        public Builder contract(String yaml) {
            contractText = requireNonNull(yaml, "yaml is null");
            contractModel = null;
            return this;
        }

        public Builder contract(ContractBuilder contract) {
            return contract(contract.yaml());
        }

        /** The contract as a model (e.g. {@link ContractBuilder#demo}); {@link TestPort#contract()} then fails. */
        public Builder contract(OutputPortContract model) {
            contractModel = requireNonNull(model, "model is null");
            contractText = null;
            return this;
        }

        /** The credentials the port accepts: what the gateway presents to the ports of the contract's domain. */
        public Builder accepting(AcceptedCredentials accepted) {
            requireNonNull(accepted, "accepted is null");
            credentials = domain -> accepted;
            return this;
        }

        /**
         * The credentials the port accepts, as a function of its contract's domain (e.g. the credential a test
         * gateway derives for that domain).
         */
        public Builder acceptingByDomain(Function<String, AcceptedCredentials> acceptedOfDomain) {
            credentials = requireNonNull(acceptedOfDomain, "acceptedOfDomain is null");
            return this;
        }

        public Builder accepting(String... accepted) {
            return accepting(AcceptedCredentials.of(accepted));
        }

        /** Serves over TLS ({@code grpc+tls://}) with this certificate chain and key. */
        public Builder tls(PortTls portTls) {
            tls = requireNonNull(portTls, "portTls is null");
            return this;
        }

        /** Any other change to the port's configuration (batch rows, statement log capacity, ...). */
        public Builder configure(UnaryOperator<FlightPortConfig> change) {
            UnaryOperator<FlightPortConfig> before = configuration;
            configuration = config -> change.apply(before.apply(config));
            return this;
        }

        /**
         * The port's memory: a child of {@code parent} named {@code name} (closed with the port) instead of a root
         * allocator of its own.
         */
        public Builder allocator(BufferAllocator parent, String name) {
            parentAllocator = requireNonNull(parent, "parent is null");
            allocatorName = requireNonNull(name, "name is null");
            return this;
        }

        /** Creates the database, runs the setup and starts the port; on failure nothing is left open. */
        public TestPort start() throws SQLException {
            if (contractText == null && contractModel == null) {
                throw new IllegalStateException("a test port needs a contract");
            }
            if (credentials == null) {
                throw new IllegalStateException("a test port needs the credentials it accepts");
            }
            DuckDBConnection opened = database != null ? database
                    : (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            BufferAllocator allocator = parentAllocator == null ? new RootAllocator()
                    : parentAllocator.newChildAllocator(allocatorName, 0, Long.MAX_VALUE);
            try {
                try (Statement statement = opened.createStatement()) {
                    for (String sql : setup) {
                        statement.execute(sql);
                    }
                }
                for (DatabaseStep step : steps) {
                    step.apply(opened);
                }
                OutputPortContract contract = contractModel != null ? contractModel
                        : ContractParser.parse(contractText.replace(URL, NOWHERE));
                FlightPortConfig config = FlightPortConfig.of(contract, PortDatabase.duckDb(opened),
                        credentials.apply(contract.domain()));
                if (tls != null) {
                    config = config.withTls(tls);
                }
                FlightPort port = FlightPort.start(configuration.apply(config), allocator);
                return new TestPort(allocator, opened, port, contractText);
            } catch (SQLException | RuntimeException | Error failure) {
                try {
                    opened.close();
                } finally {
                    allocator.close();
                }
                throw failure;
            }
        }
    }
}
