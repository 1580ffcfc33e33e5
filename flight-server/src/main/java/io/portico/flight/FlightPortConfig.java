package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.schema.contract.OutputPortContract;

/**
 * How to run one output port.
 *
 * @param contract                   the contract whose datasets the port publishes
 * @param database                   where the datasets live
 * @param host                       the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port                       the TCP port; 0 picks a free one (see {@link FlightPort#location()})
 * @param batchRows                  rows per Arrow record batch sent to clients
 * @param backpressureThresholdBytes bytes a stream may queue in the transport before the port stops producing
 *                                   batches for it and waits for the client
 * @param statementLogCapacity       how many executed statements {@link FlightPort#statementLog()} keeps
 * @param sessionPoolSize            DuckDB: how many idle database sessions (duplicated connections, time zone set)
 *                                   the port keeps to lend to the next statements; 0 opens one per statement.
 *                                   Concurrent statements beyond it get sessions of their own, closed after use.
 *                                   Other databases open a connection per statement whatever this says
 * @param statementCacheSize         DuckDB: how many prepared statements each pooled session keeps by SQL text, least
 *                                   recently used dropped first; 0 prepares every statement anew
 * @param credentials                the credentials a call must present (the port credential of the contract's
 *                                   domain, the gateway's; two during a rotation); every other call is refused
 * @param tls                        the port's TLS certificate and key, or null to listen without TLS
 */
public record FlightPortConfig(
        OutputPortContract contract,
        PortDatabase database,
        String host,
        int port,
        int batchRows,
        int backpressureThresholdBytes,
        int statementLogCapacity,
        int sessionPoolSize,
        int statementCacheSize,
        AcceptedCredentials credentials,
        PortTls tls) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_BATCH_ROWS = 65_536;
    public static final int DEFAULT_BACKPRESSURE_THRESHOLD_BYTES = 4 << 20;
    /** Twice the processors: enough idle sessions for the statements the port's cores can run at once. */
    public static final int DEFAULT_SESSION_POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors();
    public static final int DEFAULT_STATEMENT_CACHE_SIZE = 16;

    public FlightPortConfig {
        requireNonNull(contract, "contract is null");
        requireNonNull(database, "database is null");
        requireNonNull(host, "host is null");
        requireNonNull(credentials, "credentials is null");
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("an output port needs the credential the gateway presents: it refuses"
                    + " every call without one");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
        }
        if (backpressureThresholdBytes < 1) {
            throw new IllegalArgumentException("backpressureThresholdBytes must be positive, got " + backpressureThresholdBytes);
        }
        if (statementLogCapacity < 1) {
            throw new IllegalArgumentException("statementLogCapacity must be positive, got " + statementLogCapacity);
        }
        if (sessionPoolSize < 0) {
            throw new IllegalArgumentException("sessionPoolSize must not be negative, got " + sessionPoolSize);
        }
        if (statementCacheSize < 0) {
            throw new IllegalArgumentException("statementCacheSize must not be negative, got " + statementCacheSize);
        }
    }

    /**
     * A port on loopback, on a free TCP port, without TLS, with default batch size, backpressure threshold, log
     * size, session pool and statement cache, answering calls that present one of {@code credentials}.
     */
    public static FlightPortConfig of(OutputPortContract contract, PortDatabase database,
            AcceptedCredentials credentials) {
        return new FlightPortConfig(contract, database, LOOPBACK, 0, DEFAULT_BATCH_ROWS,
                DEFAULT_BACKPRESSURE_THRESHOLD_BYTES, StatementLog.DEFAULT_CAPACITY, DEFAULT_SESSION_POOL_SIZE,
                DEFAULT_STATEMENT_CACHE_SIZE, credentials, null);
    }

    public FlightPortConfig withContract(OutputPortContract newContract) {
        return new FlightPortConfig(newContract, database, host, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withHost(String newHost) {
        return new FlightPortConfig(contract, database, newHost, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withPort(int newPort) {
        return new FlightPortConfig(contract, database, host, newPort, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withBatchRows(int newBatchRows) {
        return new FlightPortConfig(contract, database, host, port, newBatchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withBackpressureThresholdBytes(int newThreshold) {
        return new FlightPortConfig(contract, database, host, port, batchRows, newThreshold,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withStatementLogCapacity(int newCapacity) {
        return new FlightPortConfig(contract, database, host, port, batchRows, backpressureThresholdBytes,
                newCapacity, sessionPoolSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withSessionPoolSize(int newSize) {
        return new FlightPortConfig(contract, database, host, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, newSize, statementCacheSize, credentials, tls);
    }

    public FlightPortConfig withStatementCacheSize(int newSize) {
        return new FlightPortConfig(contract, database, host, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, newSize, credentials, tls);
    }

    public FlightPortConfig withCredentials(AcceptedCredentials newCredentials) {
        return new FlightPortConfig(contract, database, host, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, newCredentials, tls);
    }

    /** The port with TLS ({@code grpc+tls://}), or without it for a null {@code newTls}. */
    public FlightPortConfig withTls(PortTls newTls) {
        return new FlightPortConfig(contract, database, host, port, batchRows, backpressureThresholdBytes,
                statementLogCapacity, sessionPoolSize, statementCacheSize, credentials, newTls);
    }
}
