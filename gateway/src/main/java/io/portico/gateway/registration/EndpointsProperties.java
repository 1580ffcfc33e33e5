package io.portico.gateway.registration;

import static io.portico.gateway.config.PropertyChecks.requirePositive;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which domain owns which port endpoint, under {@code portico.endpoints} (docs/publishing.md#endpoint-ownership).
 * A contract may name only an endpoint of its own domain, and the gateway decides that before it contacts the
 * endpoint: an address bound to another domain here, or used by an active port of another domain, is refused
 * without any connection; an address bound to the contract's domain is its own; any other address is
 * {@code unbound}.
 *
 * @param bindings   host patterns per domain: {@code host} or {@code host:port}, with {@code *} for any run of
 *                   characters but {@code :} and {@code ?} for one (e.g. {@code *.crm.internal},
 *                   {@code 10.0.3.*:31337}); case-insensitive. For Flight SQL servers that are not Portico
 *                   ports (they state no domain themselves)
 * @param unbound    what to do with an address no binding names: {@code verify} (contact it, only with the
 *                   credential of the contract's domain, and accept it only when the port then states that
 *                   domain) or {@code refuse} (no contact with unbound addresses at all)
 * @param verifyTime how long verifying an unbound address may take; every refusal of ownership is answered after
 *                   this long, whatever its cause, so the time of an answer tells nothing about the address
 */
@ConfigurationProperties("portico.endpoints")
public record EndpointsProperties(
        @DefaultValue Map<String, List<String>> bindings,
        @DefaultValue("verify") Unbound unbound,
        @DefaultValue("3s") Duration verifyTime) {

    public EndpointsProperties {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        bindings.forEach((domain, patterns) -> copy.put(domain, List.copyOf(patterns)));
        bindings = Collections.unmodifiableMap(copy);
        requireNonNull(unbound, "portico.endpoints.unbound is null");
        requirePositive(verifyTime, "portico.endpoints.verify-time");
    }

    /** What the gateway does with an endpoint address that no binding names. */
    public enum Unbound {
        /** Ask the port which domain it serves, presenting the contract's domain's credential only. */
        VERIFY,
        /** Refuse it: every endpoint must be bound in configuration. */
        REFUSE
    }
}

