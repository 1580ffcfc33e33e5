package io.portico.flight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server the PostgreSQL-backed tests use, from the environment: {@value #URL_VARIABLE} (a
 * {@code jdbc:postgresql:} URL), {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}. {@code .ci/postgres.sh}
 * starts a throwaway server and exports them; CI always does. Each test class works in a schema of its own, which
 * it creates empty and drops at the end, so a developer's own database is safe to point at.
 */
final class TestPostgres {

    static final String URL_VARIABLE = "PORTICO_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "PORTICO_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "PORTICO_TEST_POSTGRES_PASSWORD";

    private TestPostgres() {
    }

    /**
     * Runs a test class only when {@value #URL_VARIABLE} is set. Without it the class is skipped with a message that
     * says how to enable it, except in CI (variable {@code CI} set), where it fails: CI must not skip these tests.
     */
    static final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (url() != null) {
                return ConditionEvaluationResult.enabled(URL_VARIABLE + " is set");
            }
            String missing = URL_VARIABLE + " is not set";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing + ": CI must run the PostgreSQL tests (.ci/run sources"
                        + " .ci/postgres.sh, which starts a server and exports " + URL_VARIABLE + ", " + USER_VARIABLE
                        + " and " + PASSWORD_VARIABLE + ")");
            }
            String reason = missing + ": PostgreSQL tests skipped. To run them, start a throwaway server in your"
                    + " shell with `source .ci/postgres.sh` (needs PostgreSQL installed, or root to install it), or export "
                    + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                    + " for a database where you may create a schema";
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? null : url;
    }

    static String user() {
        return System.getenv(USER_VARIABLE);
    }

    static String password() {
        return System.getenv(PASSWORD_VARIABLE);
    }

    /** The server's URL with {@code schema} as the current schema (first in the search path). */
    static String urlWithSchema(String schema) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Creates {@code schema} empty, dropping whatever a previous run left there. */
    static void recreateSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A connection whose batched inserts are sent as multi-row inserts, for loading fixtures quickly. */
    static Connection connectForLoading(String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        if (password() != null) {
            properties.setProperty("password", password());
        }
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(urlWithSchema(schema), properties);
    }
}
