package io.portico.gateway.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry database for a test: H2 in memory, H2 in a file, or a schema of its own on the PostgreSQL server the
 * environment names ({@value #POSTGRES_URL}, {@value #POSTGRES_USER}, {@value #POSTGRES_PASSWORD}; exported by
 * {@code .ci/postgres.sh}). Migrated with the gateway's own Flyway migrations. Closing it drops what it created.
 */
final class TestRegistryDatabase implements AutoCloseable {

    static final String POSTGRES_URL = "PORTICO_TEST_POSTGRES_URL";
    static final String POSTGRES_USER = "PORTICO_TEST_POSTGRES_USER";
    static final String POSTGRES_PASSWORD = "PORTICO_TEST_POSTGRES_PASSWORD";

    private final String url;
    private final String user;
    private final String password;
    private final SQLDialect dialect;
    private final String postgresSchema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private TestRegistryDatabase(String url, String user, String password, SQLDialect dialect, String postgresSchema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = dialect;
        this.postgresSchema = postgresSchema;
    }

    /** A private H2 database in memory, alive until closed. */
    static TestRegistryDatabase h2InMemory() {
        return new TestRegistryDatabase("jdbc:h2:mem:registry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                SQLDialect.H2, null);
    }

    /** An H2 database in {@code directory}, with H2's default settings (the store makes commits durable itself). */
    static TestRegistryDatabase h2File(Path directory) {
        return h2(h2FileUrl(directory));
    }

    static String h2FileUrl(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("registry").toAbsolutePath();
    }

    /** Any H2 URL, e.g. {@code jdbc:h2:tcp://...} of a server. */
    static TestRegistryDatabase h2(String url) {
        return new TestRegistryDatabase(url, "sa", "", SQLDialect.H2, null);
    }

    /** A fresh schema on the test PostgreSQL server; run only under {@link PostgresAvailable}. */
    static TestRegistryDatabase postgres() {
        String schema = "portico_registry_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = System.getenv(POSTGRES_URL);
        String user = System.getenv(POSTGRES_USER);
        String password = System.getenv(POSTGRES_PASSWORD);
        try (Connection connection = DriverManager.getConnection(server, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on " + server + ": " + e.getMessage(), e);
        }
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestRegistryDatabase(url, user, password, SQLDialect.POSTGRES, schema);
    }

    String url() {
        return url;
    }

    String name() {
        return dialect.getName().toLowerCase(Locale.ROOT);
    }

    /** Creates or migrates the registry tables. */
    TestRegistryDatabase migrate() {
        try (HikariDataSource dataSource = pool(2)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        }
        return this;
    }

    /** A store over a new connection pool of {@code connections}, closed with this database. */
    RegistryStore store(int connections) {
        HikariDataSource dataSource = pool(connections);
        pools.add(dataSource);
        return new RegistryStore(dsl(dataSource), Clock.systemUTC());
    }

    RegistryStore store() {
        return store(4);
    }

    /** A jOOQ context over a connection pool closed with this database, for checks in SQL. */
    DSLContext dsl() {
        HikariDataSource dataSource = pool(2);
        pools.add(dataSource);
        return dsl(dataSource);
    }

    /** A new plain JDBC connection to this database, for a test to hold locks with; the caller closes it. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * How many sessions of this database wait for a lock another session holds (PostgreSQL: backends of this user
     * and database waiting on a lock; H2: sessions with a blocker, which an admin connection such as sa sees).
     */
    int lockWaiters(Connection connection) throws SQLException {
        String sql = dialect == SQLDialect.POSTGRES
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database() AND usename = current_user"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The gateway's command-line arguments that point it at this database. */
    List<String> springArguments() {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    @Override
    public void close() throws SQLException {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (postgresSchema != null) {
            try (Connection connection = DriverManager.getConnection(System.getenv(POSTGRES_URL), user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + postgresSchema + " CASCADE");
            }
        } else if (url.startsWith("jdbc:h2:mem:")) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    private DSLContext dsl(HikariDataSource dataSource) {
        return DSL.using(dataSource, dialect);
    }

    private HikariDataSource pool(int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        config.setPoolName("test-registry-" + name());
        return new HikariDataSource(config);
    }

    /**
     * Runs a test class only when {@value #POSTGRES_URL} is set. Without it the class is skipped with a message
     * saying how to enable it, except in CI (variable {@code CI} set), where it fails: CI must not skip these tests.
     */
    static final class PostgresAvailable implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(POSTGRES_URL);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled(POSTGRES_URL + " is set");
            }
            String missing = POSTGRES_URL + " is not set";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing + ": CI must run the PostgreSQL registry tests (.ci/run"
                        + " sources .ci/postgres.sh, which starts a server and exports " + POSTGRES_URL + ", "
                        + POSTGRES_USER + " and " + POSTGRES_PASSWORD + ")");
            }
            return ConditionEvaluationResult.disabled(missing + ": PostgreSQL registry tests skipped. To run them,"
                    + " start a throwaway server in your shell with `source .ci/postgres.sh`, or export "
                    + POSTGRES_URL + ", " + POSTGRES_USER + " and " + POSTGRES_PASSWORD
                    + " for a database where you may create a schema");
        }
    }
}
