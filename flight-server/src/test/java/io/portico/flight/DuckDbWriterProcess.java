package io.portico.flight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The owning team's writer, run as ANOTHER PROCESS by {@link DuckDbFileServingTest}: sets
 * {@code counters.value} to 1, 2, ... N, each change on a connection of its own, retrying while a reader holds the
 * file (as docs/publishing.md recommends), then prints {@code done N}.
 */
public final class DuckDbWriterProcess {

    private DuckDbWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int updates = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        int retries = 0;
        for (int value = 1; value <= updates; value++) {
            while (true) {
                try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                     Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE counters SET value = " + value);
                    break;
                } catch (SQLException e) {
                    if (!PortDatabase.DuckDbFile.isLockConflict(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    retries++;
                    Thread.sleep(5);
                }
            }
        }
        System.out.println("done " + updates + " (" + retries + " retries while the port read)");
    }
}
