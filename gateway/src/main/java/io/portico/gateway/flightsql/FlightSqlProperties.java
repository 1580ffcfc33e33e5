package io.portico.gateway.flightsql;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's Arrow Flight SQL endpoint ({@link FlightSqlEndpoint}), under {@code portico.flight-sql}.
 *
 * @param enabled                 whether the endpoint is served; off by default, on in the demo (port 8815)
 * @param host                    the address it listens on
 * @param port                    its port; 0 picks a free one (tests), printed in the start-up log
 * @param streamTimeout           how long one result stream may take at its port, from the statement to its last
 *                                batch (a slow client slows the port; past this the read is cut)
 * @param maxPreparedStatements   the most prepared statements kept open at once, over every caller; the least
 *                                recently used is closed past it
 * @param preparedStatementIdle   a prepared statement unused this long is closed
 * @param backpressureThreshold   how many bytes a stream may queue in the transport before it waits for its client
 *                                (gRPC's own default, 32 KB, is less than one batch: each batch would wait for the
 *                                one before to drain, as the reference port found; its default is also 4 MB)
 * @param tlsCertificateChain     PEM certificate chain to serve TLS with ({@code grpc+tls}), or null for plain
 * @param tlsPrivateKey           its PEM private key (PKCS#8)
 */
@ConfigurationProperties("portico.flight-sql")
public record FlightSqlProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("8815") int port,
        @DefaultValue("1h") Duration streamTimeout,
        @DefaultValue("10000") int maxPreparedStatements,
        @DefaultValue("30m") Duration preparedStatementIdle,
        @DefaultValue("4MB") DataSize backpressureThreshold,
        Path tlsCertificateChain,
        Path tlsPrivateKey) {

    public FlightSqlProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("portico.flight-sql.port must be between 0 and 65535, was " + port);
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalArgumentException("portico.flight-sql.stream-timeout must be positive");
        }
        if (maxPreparedStatements < 1) {
            throw new IllegalArgumentException("portico.flight-sql.max-prepared-statements must be positive");
        }
        if (backpressureThreshold.toBytes() < 1 || backpressureThreshold.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("portico.flight-sql.backpressure-threshold must be between 1 byte and"
                    + " 2 GB, was " + backpressureThreshold);
        }
        if ((tlsCertificateChain == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException("portico.flight-sql.tls-certificate-chain and tls-private-key go"
                    + " together: set both to serve TLS, or neither");
        }
    }
}
