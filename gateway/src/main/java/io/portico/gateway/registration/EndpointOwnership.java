package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registration.EndpointsProperties.Unbound;
import io.portico.gateway.registry.PortAdmission;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a domain owns the endpoint a contract names, before the gateway contacts that endpoint for the
 * contract. An endpoint and its tables belong to one domain; a domain publishes only its own endpoints.
 *
 * <ol>
 *   <li><b>Bindings</b> ({@code portico.endpoints.bindings}): an address bound to the contract's domain is its own;
 *       bound to another domain (or to several), it is not. No connection either way.</li>
 *   <li><b>The registry</b>: an address an active port of another domain uses is not the contract's domain's. No
 *       connection. (An address the domain itself uses still needs 1 or 3: a use is no proof.)</li>
 *   <li><b>Unbound</b> addresses: with {@code unbound: verify} the gateway asks the endpoint which domain it serves
 *       ({@link PortIdentityCheck}), presenting only the contract's domain's port credential; it is the domain's
 *       own exactly when the port accepts that credential and states that domain. With {@code refuse}, it is not,
 *       and nothing is contacted.</li>
 * </ol>
 *
 * <p>Every refusal of a registration is one and the same answer ({@link #refusal}), with the same code and text
 * whatever happened (another domain's binding or port, a closed port, a listener that does not speak gRPC, a Flight
 * server that refuses the credential, has no identity action or states another domain), and is given after
 * {@code portico.endpoints.verify-time} whatever it took: the dry run is no port scanner and no schema oracle. What
 * really happened is logged for the platform team.
 */
public final class EndpointOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointOwnership.class);

    private final EndpointBindings bindings;
    private final Unbound unbound;
    private final PortIdentityCheck identities;
    private final Duration verifyTime;
    private final Supplier<Map<EndpointAddress, Set<String>>> inUse;

    /**
     * @param bindings   the platform's bindings of addresses to domains
     * @param unbound    what to do with an address no binding names
     * @param identities asks an endpoint which domain it serves
     * @param verifyTime the most a verification may take; the time every refusal is answered after
     * @param inUse      the addresses the registry's ports use now, with their domains
     */
    EndpointOwnership(EndpointBindings bindings, Unbound unbound, PortIdentityCheck identities, Duration verifyTime,
            Supplier<Map<EndpointAddress, Set<String>>> inUse) {
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.unbound = requireNonNull(unbound, "unbound is null");
        this.identities = requireNonNull(identities, "identities is null");
        this.verifyTime = requireNonNull(verifyTime, "verifyTime is null");
        this.inUse = requireNonNull(inUse, "inUse is null");
    }

    /**
     * The refusal of a contract whose domain does not own the endpoint it names, or empty when it does (or when
     * the contract names no endpoint the gateway could contact, which the {@link PortValidator} reports). A refusal
     * comes after {@code verify-time} from the call, whatever its cause.
     */
    public Optional<RegistrationProblem> check(OutputPortContract contract) {
        long started = System.nanoTime();
        Optional<ServerContract> server = contract.flightServer();
        Optional<String> url = server.flatMap(ServerContract::flightSqlUrl);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String path = "$.servers[" + contract.servers().indexOf(server.get()) + "]";
        Optional<EndpointAddress> address = EndpointAddress.of(url.get());
        if (address.isEmpty()) {
            return Optional.of(RegistrationProblem.invalid(ProblemKind.ENDPOINT, path, "the Flight SQL URL of the"
                    + " contract is not a TCP Flight URL with a host and a port", "grpc+tcp://host:port or"
                    + " grpc+tls://host:port"));
        }
        Verdict verdict = decide(contract.domain(), url.get(), address.get(), true);
        if (verdict.owned()) {
            LOG.debug("domain '{}' owns {} ({})", contract.domain(), address.get(), verdict.reason());
            return Optional.empty();
        }
        LOG.info("refused port '{}' of domain '{}': it names {}, which the domain does not own ({})", contract.id(),
                contract.domain(), address.get(), verdict.reason());
        padUntil(started + verifyTime.toNanos());
        return Optional.of(refusal(contract.domain(), path));
    }

    /**
     * The admission of stored contracts into the served registry: bindings and verification as for a registration
     * (not the registry rule: the contract is one of the registry's own uses), answered as soon as decided.
     */
    public PortAdmission admission() {
        return contract -> {
            Optional<String> url = contract.flightServer().flatMap(ServerContract::flightSqlUrl);
            Optional<EndpointAddress> address = url.flatMap(EndpointAddress::of);
            if (address.isEmpty()) {
                return Optional.of("its Flight SQL URL is not a TCP Flight URL with a host and a port");
            }
            Verdict verdict = decide(contract.domain(), url.get(), address.get(), false);
            if (verdict.owned()) {
                return Optional.empty();
            }
            LOG.warn("stored port '{}' of domain '{}' is not served: it names {}, which the domain does not own ({})",
                    contract.id(), contract.domain(), address.get(), verdict.reason());
            return Optional.of("domain '" + contract.domain() + "' does not own the endpoint its contract names ("
                    + verdict.reason() + "); it is not served");
        };
    }

    /** The one answer to every contract naming an endpoint its domain does not own. */
    static RegistrationProblem refusal(String domain, String path) {
        return RegistrationProblem.of(ErrorCode.FORBIDDEN, ProblemKind.ENDPOINT_OWNERSHIP, path,
                "domain '" + domain + "' does not own the endpoint this contract names: an endpoint and its tables"
                        + " belong to one domain, and the gateway could not establish that this one belongs to '"
                        + domain + "'",
                "an endpoint of '" + domain + "': a Portico port started with the port credential of '" + domain
                        + "' (./portico port credential --domain " + domain + "), which states its domain to the"
                        + " gateway; or, for a Flight SQL server that is not a Portico port, an address the platform"
                        + " team binds to '" + domain + "' (portico.endpoints.bindings." + domain + ")");
    }

    private Verdict decide(String domain, String url, EndpointAddress address, boolean registryRule) {
        Set<String> bound = bindings.domainsOf(address);
        if (bound.size() > 1) {
            return Verdict.refused("bound to several domains " + bound + " (a configuration mistake)");
        }
        if (bound.size() == 1) {
            String owner = bound.iterator().next();
            return owner.equals(domain) ? Verdict.owns("bound to it in configuration")
                    : Verdict.refused("bound to domain '" + owner + "' in configuration");
        }
        if (registryRule) {
            Set<String> users = inUse.get().getOrDefault(address, Set.of());
            Optional<String> other = users.stream().filter(user -> !user.equals(domain)).findFirst();
            if (other.isPresent()) {
                return Verdict.refused("used by a port of domain '" + other.get() + "'");
            }
        }
        if (unbound == Unbound.REFUSE) {
            return Verdict.refused("bound to no domain, and portico.endpoints.unbound is refuse");
        }
        PortIdentityCheck.Answer answer = identities.ask(URI.create(url.strip()), domain, verifyTime);
        if (answer.identity() == null) {
            return Verdict.refused("no identity stated: " + answer.failure());
        }
        if (!answer.identity().domain().equals(domain)) {
            return Verdict.refused("the port states domain '" + answer.identity().domain() + "'");
        }
        return Verdict.owns("the port stated it, port '" + answer.identity().portId() + "'");
    }

    private static void padUntil(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a domain owns an address, and why (for the log). */
    private record Verdict(boolean owned, String reason) {

        static Verdict owns(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }
}
