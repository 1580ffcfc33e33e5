package io.portico.gateway.port;

import static io.portico.gateway.config.PropertyChecks.requirePositive;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The output ports the gateway starts with and how it talks to them, under {@code portico.ports}.
 *
 * @param contracts       ODCS contract documents to register at start: file paths, {@code file:} URLs or
 *                        {@code classpath:} resources, in order
 * @param callTimeout     how long one statement at a port may take, from the call to the last batch, unless
 *                        the port's contract declares a latency SLA or
 *                        {@code portico.resilience.ports.<id>.call-timeout} says otherwise
 *                        ({@link io.portico.gateway.resilience.ResilienceProperties})
 * @param schemaTimeout   how long asking a port for its live schemas may take
 * @param retryInterval   how often ports that could not be reached are tried again
 * @param credentials     the credential the gateway presents to each domain's ports
 * @param tls             how the gateway trusts ports reached over {@code grpc+tls://}
 * @param maxMemory       the most Arrow memory the gateway holds for port reads at once (batches in flight,
 *                        masked copies, collected answers); 0 for no bound. Streams to Flight SQL clients hold a
 *                        bounded number of batches whatever their size, since a slow client slows the port
 */
@ConfigurationProperties("portico.ports")
public record PortsProperties(
        @DefaultValue List<String> contracts,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("10s") Duration schemaTimeout,
        @DefaultValue("3s") Duration retryInterval,
        @DefaultValue Credentials credentials,
        @DefaultValue Tls tls,
        @DefaultValue("0") DataSize maxMemory) {

    public PortsProperties {
        contracts = List.copyOf(contracts);
        requirePositive(callTimeout, "portico.ports.call-timeout");
        requirePositive(schemaTimeout, "portico.ports.schema-timeout");
        requirePositive(retryInterval, "portico.ports.retry-interval");
        requireNonNull(credentials, "portico.ports.credentials is null");
        requireNonNull(tls, "portico.ports.tls is null");
        if (maxMemory.isNegative()) {
            throw new IllegalArgumentException("portico.ports.max-memory must not be negative, was " + maxMemory);
        }
    }

    /**
     * The port credential the gateway presents on every call to a port of a domain
     * ({@code authorization: Bearer <credential>}); each domain's ports accept only their domain's
     * ({@link PortCredentials}, docs/publishing.md#port-credentials).
     *
     * @param secret     the key the domains' credentials are derived from (base64 of at least 32 bytes):
     *                   {@code base64url(HMAC-SHA256(secret, "portico-port:v<generation>:" + domain))}. Unset:
     *                   a key derived from the deployment secret ({@code portico.policies.secret})
     * @param generation which generation of derived credentials the gateway presents (1, 2, ...); raising it
     *                   rotates every derived credential at once
     * @param domains    a credential per domain presented instead of the derived one (e.g. random strings
     *                   handed to the ports as files); at least 16 printable characters without spaces
     */
    public record Credentials(
            String secret,
            @DefaultValue("1") int generation,
            @DefaultValue Map<String, String> domains) {

        public Credentials {
            secret = secret == null || secret.isBlank() ? null : secret.strip();
            if (generation < 1) {
                throw new IllegalArgumentException("portico.ports.credentials.generation must be at least 1, was "
                        + generation);
            }
            domains = Map.copyOf(domains);
        }

        @Override
        public String toString() {
            return "Credentials[secret=" + (secret == null ? "unset" : "***") + ", generation=" + generation
                    + ", domains=" + domains.keySet() + "]";
        }
    }

    /**
     * @param trustedCertificates a PEM file of the certificates (or CAs) the gateway trusts for ports reached
     *                            over {@code grpc+tls://}; unset: the JVM's trust store
     */
    public record Tls(Path trustedCertificates) {
    }
}

