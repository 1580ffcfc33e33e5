package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.store.RegistrationStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StalePortStateException;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.gateway.security.PublishingRights;
import io.portico.gateway.usage.ChangeConsumers;
import io.portico.policies.Subject;
import io.portico.schema.compat.ChangeReport;
import io.portico.schema.compat.ContractChangeChecker;
import io.portico.schema.compat.VersionRule;
import io.portico.schema.compat.VersionVerdict;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.ContractProblem;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-serve registration of output ports: the one implementation behind the REST API
 * ({@link RegistrationController}) and the GraphQL mutations ({@link RegistrationMutations}).
 *
 * <p>{@link #publish} runs, in order, and stops at the first step that refuses:
 * <ol>
 *   <li>size: at most {@link ContractParser#MAX_DOCUMENT_CHARS} characters ({@code TOO_LARGE});</li>
 *   <li>a token: the anonymous subject publishes nothing ({@code UNAUTHENTICATED});</li>
 *   <li>parse ({@code MALFORMED} when the document is not YAML or JSON, {@code INVALID} with every problem
 *       otherwise);</li>
 *   <li>authorize: the token's domains name the contract's domain, and the domain of the port's live version if
 *       the port id is registered under another domain ({@code FORBIDDEN});</li>
 *   <li>the port id is not configured at this gateway ({@code CONFLICT});</li>
 *   <li>the contract's domain owns the endpoint it names, decided before the endpoint is contacted for it
 *       ({@link EndpointOwnership}; {@code FORBIDDEN}, one answer whatever the cause);</li>
 *   <li>validate against the live port and the registry ({@link PortValidator}, {@code INVALID});</li>
 *   <li>compare with the live version of the port (the active version of the same major, else the highest active
 *       major) and apply semantic versioning ({@link ContractChangeChecker}, {@link VersionRule}; {@code CONFLICT}
 *       with the full change report). The live version again with the same content changes nothing
 *       ({@code UNCHANGED}, nothing stored);</li>
 *   <li>{@link PortRegistry#publish}: stored durably first, then served; the result is answered after both
 *       ({@code PUBLISHED}, with the registry version and the schema version serving it).</li>
 * </ol>
 * {@link #check} runs the same steps without the last and answers {@code CHECKED}. A refused request changes
 * neither the registry nor the live schema. Publications of one port are serialized on this gateway, so two
 * concurrent publications of a port are compared with each other's result; across replicas sharing the registry
 * database the store's write is conditional on the port being unchanged since it was compared
 * ({@link RegistryStore#register(OutputPortContract, String, String, OptionalLong)}), and a publication that lost
 * the race is compared again with the winner's version (so it answers {@code UNCHANGED} when the winner stored the
 * same version and content, {@code CONFLICT} naming the winner's version when its version no longer fits).
 *
 * <p>A new major version is served beside the older ones: it takes the plain GraphQL names, each older major keeps
 * serving under names suffixed {@code V<major>}, marked deprecated, until it is retired
 * ({@link #retire(String, Integer, Subject)}).
 */
public final class RegistrationService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

    /**
     * How many times a publication is compared with the live version when other replicas keep changing the port
     * between the comparison and the store's conditional write.
     */
    private static final int MAX_COMPARE_ATTEMPTS = 3;

    private final PortRegistry registry;
    private final RegistryStore store;
    private final PortValidator validator;
    private final EndpointOwnership ownership;
    private final ChangeConsumers consumers;
    private final Map<String, ReentrantLock> portLocks = new ConcurrentHashMap<>();

    public RegistrationService(PortRegistry registry, RegistryStore store, PortValidator validator,
            EndpointOwnership ownership) {
        this(registry, store, validator, ownership, ChangeConsumers.NONE);
    }

    /** With {@code consumers}: each breaking or dangerous change lists who read what it changes lately. */
    public RegistrationService(PortRegistry registry, RegistryStore store, PortValidator validator,
            EndpointOwnership ownership, ChangeConsumers consumers) {
        this.consumers = requireNonNull(consumers, "consumers is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
    }

    /** A dry run of {@link #publish}: every check, nothing stored. */
    public RegistrationResult check(String document, Subject subject) {
        return register(document, subject, true);
    }

    /** Validates, compares and publishes a contract document (ODCS YAML or JSON). */
    public RegistrationResult publish(String document, Subject subject) {
        return register(document, subject, false);
    }

    /** The refusal of a body larger than the limit, answered before reading it. */
    public static RegistrationResult tooLarge(String size, boolean dryRun) {
        String limit = ContractParser.MAX_DOCUMENT_CHARS + " characters";
        return RegistrationResult.refused(RegistrationOutcome.TOO_LARGE, ErrorCode.INVALID_CONTRACT,
                "the contract is too large: " + size + ", the limit is " + limit, dryRun,
                List.of(RegistrationProblem.invalid(ProblemKind.DOCUMENT, "$", "the document has " + size,
                        "a contract of at most " + limit)));
    }

    /** The refusal of a request without a usable document (empty body, bytes that are not UTF-8 text). */
    public static RegistrationResult malformed(String problem, boolean dryRun) {
        return RegistrationResult.refused(RegistrationOutcome.MALFORMED, ErrorCode.BAD_REQUEST,
                "the request has no contract document: " + problem, dryRun,
                List.of(RegistrationProblem.of(ErrorCode.BAD_REQUEST, ProblemKind.DOCUMENT, "$", problem,
                        "an ODCS contract as YAML or JSON text in the request body")));
    }

    private RegistrationResult register(String document, Subject subject, boolean dryRun) {
        requireNonNull(document, "document is null");
        requireNonNull(subject, "subject is null");
        if (document.length() > ContractParser.MAX_DOCUMENT_CHARS) {
            return tooLarge(document.length() + " characters", dryRun);
        }
        if (subject.isAnonymous()) {
            return refused(RegistrationOutcome.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, ProblemKind.AUTHORIZATION,
                    "$", "publishing a port needs a bearer token whose 'domains' claim names the port's domain;"
                            + " send 'Authorization: Bearer <token>'", dryRun);
        }
        if (document.isBlank()) {
            return malformed("the document is empty", dryRun);
        }
        OutputPortContract contract;
        try {
            contract = ContractParser.parse(document);
        } catch (ContractValidationException e) {
            return unreadable(e, dryRun);
        }
        try {
            return register(contract, document, subject, dryRun);
        } catch (PorticoException e) {
            return failed(contract, e, dryRun);
        }
    }

    private RegistrationResult register(OutputPortContract contract, String document, Subject subject, boolean dryRun) {
        Optional<RegistrationResult> forbidden = authorize(subject, contract.domain(), dryRun);
        if (forbidden.isPresent()) {
            return named(forbidden.get(), contract);
        }
        List<StoredContract> active = activeVersions(contract.id());
        Optional<RegistrationResult> takenId = checkPortId(contract, active, subject, dryRun);
        if (takenId.isPresent()) {
            return named(takenId.get(), contract);
        }
        Optional<RegistrationProblem> unowned = ownership.check(contract);
        if (unowned.isPresent()) {
            RegistrationProblem problem = unowned.get();
            boolean notOwned = problem.kind() == ProblemKind.ENDPOINT_OWNERSHIP;
            return named(RegistrationResult.refused(notOwned ? RegistrationOutcome.FORBIDDEN
                    : RegistrationOutcome.INVALID, notOwned ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_CONTRACT,
                    problem.problem(), dryRun, List.of(problem)), contract);
        }
        PortValidation validation = validator.validate(contract, registryView());
        if (validation.reachable()) {
            // The port just answered: whatever the outcome (UNCHANGED too), its queries are sent to it again.
            registry.portAnswered(contract);
        }
        if (!validation.valid()) {
            String message = "the contract of port '" + contract.id() + "' has " + count(validation.problems().size(),
                    "problem") + ": " + validation.problems().getFirst().problem()
                    + (validation.problems().size() > 1 ? " (see problems for all)" : "");
            return named(new RegistrationResult(RegistrationResult.Status.REFUSED, RegistrationOutcome.INVALID,
                    firstCode(validation.problems()), message, dryRun, null, null, null, null, List.of(), null, null,
                    null, validation.problems(), validation.warnings(), null, null), contract);
        }
        ReentrantLock lock = portLocks.computeIfAbsent(contract.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return compareAndPublish(contract, document, subject, validation, dryRun);
                } catch (StalePortStateException e) {
                    if (attempt == MAX_COMPARE_ATTEMPTS) {
                        return named(refused(RegistrationOutcome.CONFLICT, e.code(), ProblemKind.VERSION,
                                "$.version", e.getMessage() + "; it changed " + attempt + " times in a row, publish"
                                        + " again", dryRun), contract);
                    }
                    LOG.info("port '{}' was changed by another publication while this one was checked (registry"
                            + " version {}); checking it again against the new live version", contract.id(),
                            e.lastChange());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Compares the candidate with the live version and publishes it, conditionally on the port being still as read
     * here: a replica sharing the store that published in between makes the store refuse the write
     * ({@link StalePortStateException}), and the caller compares again with the winner's version.
     */
    private RegistrationResult compareAndPublish(OutputPortContract contract, String document, Subject subject,
            PortValidation validation, boolean dryRun) {
        List<StoredContract> history = store.history(contract.id());
        long lastChange = RegistryStore.lastChange(history);
        Optional<StoredContract> live = liveVersion(history.stream()
                .filter(version -> version.status() == RegistrationStatus.ACTIVE)
                .toList(), contract);
        PortSnapshot candidate = new PortSnapshot(contract, validation.liveSchemas());
        ChangeReport report = live.map(stored -> ContractChangeChecker.compare(liveSnapshot(stored, candidate),
                candidate)).orElse(new ChangeReport(List.of()));
        VersionVerdict verdict = VersionRule.check(live.map(StoredContract::version).orElse(null), contract.version(),
                report);
        RegistrationChanges changes = live.isPresent()
                ? RegistrationChanges.of(report, contract.domain(), consumers) : null;
        if (!verdict.accepted()) {
            RegistrationProblem problem = RegistrationProblem.invalid(ProblemKind.VERSION, "$.version",
                    verdict.message(), verdict.suggestedVersion() == null ? "a semantic version"
                            : "version " + verdict.suggestedVersion() + " or higher");
            return named(new RegistrationResult(RegistrationResult.Status.REFUSED, RegistrationOutcome.CONFLICT,
                    ErrorCode.INVALID_CONTRACT.name(), verdict.message(), dryRun, null, null, null, null, List.of(),
                    null, null, null, List.of(problem), validation.warnings(), changes, verdict), contract);
        }
        if (live.isPresent() && report.isEmpty() && live.get().version().equals(contract.version())) {
            return named(accepted(RegistrationOutcome.UNCHANGED, "version " + contract.version() + " of port '"
                    + contract.id() + "' is live with the same content; nothing was stored", dryRun, null,
                    null, null, validation, changes, verdict), contract);
        }
        if (dryRun) {
            return named(accepted(RegistrationOutcome.CHECKED, "the contract of port '" + contract.id()
                    + "' can be published: " + verdict.message(), true, null, null, null, validation, changes,
                    verdict), contract);
        }
        PortRegistry.Publication publication = registry.publish(contract, document, subject.id(),
                validation.liveSchemas(), OptionalLong.of(lastChange));
        ComposedSchema schema = registry.liveSchema();
        PortStatus status = publication.status();
        String message = "port '" + contract.id() + "' version " + contract.version() + " is published (registry"
                + " version " + publication.stored().registryVersion() + ")"
                + (status.up() ? " and served from schema version " + schema.registryVersion()
                        : "; the gateway cannot reach it now and serves it once it answers (" + status.message() + ")")
                + ": " + verdict.message();
        return named(accepted(RegistrationOutcome.PUBLISHED, message, false,
                publication.stored().registryVersion(), status.up() ? schema.registryVersion() : null,
                status.state().name(), validation, changes, verdict), contract);
    }

    /**
     * Retires every active version of a port.
     *
     * @return {@code RETIRED}, or refused: {@code UNAUTHENTICATED}, {@code FORBIDDEN} (the token does not name the
     *         port's domain), {@code NOT_FOUND} (no active version), {@code CONFLICT} (a port configured at this
     *         gateway)
     */
    public RegistrationResult retire(String portId, Subject subject) {
        return retire(portId, null, subject);
    }

    /**
     * Retires the active version of one major version of a port, or, with {@code majorVersion} null, every active
     * version. The other major versions keep being served.
     *
     * @return as {@link #retire(String, Subject)}; {@code NOT_FOUND} also when the port has no active version of
     *         that major
     */
    public RegistrationResult retire(String portId, Integer majorVersion, Subject subject) {
        requireNonNull(portId, "portId is null");
        requireNonNull(subject, "subject is null");
        if (subject.isAnonymous()) {
            return refused(RegistrationOutcome.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, ProblemKind.AUTHORIZATION,
                    "$", "retiring a port needs a bearer token whose 'domains' claim names the port's domain;"
                            + " send 'Authorization: Bearer <token>'", false);
        }
        try {
            return retireActive(portId, majorVersion, subject);
        } catch (PorticoException e) {
            RegistrationOutcome outcome = e.code() == ErrorCode.BAD_USER_INPUT ? RegistrationOutcome.CONFLICT
                    : RegistrationOutcome.FAILED;
            return refused(outcome, e.code(), outcome == RegistrationOutcome.CONFLICT ? ProblemKind.PORT_ID
                    : ProblemKind.GATEWAY, "$.id", e.getMessage(), false).withPort(portId, null, null, null, List.of());
        }
    }

    private RegistrationResult retireActive(String portId, Integer majorVersion, Subject subject) {
        List<StoredContract> activeOfPort = activeVersions(portId);
        List<StoredContract> active = majorVersion == null ? activeOfPort : activeOfPort.stream()
                .filter(version -> version.majorVersion() == majorVersion)
                .toList();
        if (active.isEmpty()) {
            if (majorVersion != null && !activeOfPort.isEmpty()) {
                return refused(RegistrationOutcome.NOT_FOUND, ErrorCode.NOT_FOUND, ProblemKind.PORT_ID, "$.id",
                        "port '" + portId + "' has no active version of major version " + majorVersion
                                + "; its active versions are " + activeOfPort.stream().map(StoredContract::version)
                                        .toList() + " (GET /api/ports/" + portId + ")", false)
                        .withPort(portId, null, null, null, List.of());
            }
            if (registry.isLocal(portId)) {
                return refused(RegistrationOutcome.CONFLICT, ErrorCode.BAD_USER_INPUT, ProblemKind.PORT_ID, "$.id",
                        localPortMessage(portId, "retired"), false).withPort(portId, null, null, null, List.of());
            }
            return notFound(portId);
        }
        for (StoredContract version : active) {
            Optional<RegistrationResult> forbidden = authorize(subject, version.domain(), false);
            if (forbidden.isPresent()) {
                return forbidden.get().withPort(portId, version.domain(), version.dataProduct(), version.version(),
                        List.of());
            }
        }
        boolean retiredNow = majorVersion == null ? registry.retire(portId, subject.id())
                : registry.retire(portId, majorVersion, subject.id());
        if (!retiredNow) {
            return notFound(portId);
        }
        List<StoredContract> retired = store.history(portId).stream()
                .filter(version -> version.status() == RegistrationStatus.RETIRED)
                .filter(version -> active.stream().anyMatch(was -> was.registryVersion() == version.registryVersion()))
                .toList();
        Long registryVersion = retired.stream().map(version -> version.ended().registryVersion())
                .max(Comparator.naturalOrder()).orElse(null);
        StoredContract newest = active.getLast();
        List<String> urns = active.stream().flatMap(version -> urnsOf(version).stream()).toList();
        String versions = String.join(", ", active.stream().map(StoredContract::version).toList());
        ComposedSchema schema = registry.liveSchema();
        return new RegistrationResult(RegistrationResult.Status.ACCEPTED, RegistrationOutcome.RETIRED, null,
                (majorVersion == null ? "port '" + portId + "'" : "major version " + majorVersion + " of port '"
                        + portId + "'") + " is retired (version " + versions + ", registry version " + registryVersion
                        + "); its datasets are no longer served from schema version "
                        + (schema == null ? "-" : schema.registryVersion()),
                false, portId, newest.domain(), newest.dataProduct(), newest.version(), urns, registryVersion,
                schema == null ? null : schema.registryVersion(), null, List.of(), List.of(), null, null);
    }

    private static List<String> urnsOf(StoredContract version) {
        try {
            return PortUrns.of(version.contract());
        } catch (ContractValidationException e) {
            return List.of();
        }
    }

    private RegistrationResult notFound(String portId) {
        boolean known = !store.history(portId).isEmpty();
        return refused(RegistrationOutcome.NOT_FOUND, ErrorCode.NOT_FOUND, ProblemKind.PORT_ID, "$.id",
                known ? "port '" + portId + "' has no active version: it was retired already (GET /api/ports/"
                        + portId + " shows its history)"
                        : "no port '" + portId + "' is registered (GET /api/ports lists the registered ports)", false)
                .withPort(portId, null, null, null, List.of());
    }

    /** The active stored versions of a port, oldest registration first. */
    List<StoredContract> activeVersions(String portId) {
        return store.history(portId).stream()
                .filter(version -> version.status() == RegistrationStatus.ACTIVE)
                .toList();
    }

    /** The version a candidate is compared with: the active one of its major, else the highest active major. */
    private static Optional<StoredContract> liveVersion(List<StoredContract> active, OutputPortContract candidate) {
        int major = candidate.majorVersion();
        Optional<StoredContract> sameMajor = active.stream()
                .filter(version -> version.majorVersion() == major)
                .findFirst();
        if (sameMajor.isPresent()) {
            return sameMajor;
        }
        return active.stream().max(Comparator.comparingInt(StoredContract::majorVersion));
    }

    /**
     * The live port as the gateway serves it, with the schemas it was composed with; when it is not served here
     * (down, or another major served), its stored contract with the schemas the candidate's port reports now.
     */
    private PortSnapshot liveSnapshot(StoredContract live, PortSnapshot candidate) {
        Optional<PortSnapshot> served = registry.snapshot().ports().stream()
                .filter(port -> port.contract().id().equals(live.portId())
                        && port.contract().version().equals(live.version()))
                .findFirst();
        return served.orElseGet(() -> new PortSnapshot(live.contract(), candidate.liveSchemas()));
    }

    private Optional<RegistrationResult> checkPortId(OutputPortContract contract, List<StoredContract> active,
            Subject subject, boolean dryRun) {
        if (active.isEmpty() && registry.isLocal(contract.id())) {
            return Optional.of(refused(RegistrationOutcome.CONFLICT, ErrorCode.INVALID_CONTRACT, ProblemKind.PORT_ID,
                    "$.id", localPortMessage(contract.id(), "published"), dryRun));
        }
        for (StoredContract version : active) {
            if (version.domain().equals(contract.domain())) {
                continue;
            }
            Optional<RegistrationResult> forbidden = authorize(subject, version.domain(), dryRun);
            if (forbidden.isPresent()) {
                return Optional.of(refused(RegistrationOutcome.FORBIDDEN, ErrorCode.FORBIDDEN,
                        ProblemKind.AUTHORIZATION, "$.id", "port '" + contract.id() + "' is registered by domain '"
                                + version.domain() + "' (version " + version.version() + "), and '" + subject.id()
                                + "' may not publish ports of '" + version.domain() + "'", dryRun));
            }
        }
        return Optional.empty();
    }

    private static String localPortMessage(String portId, String change) {
        return "port '" + portId + "' is configured at this gateway (portico.ports.contracts or the demo mesh) and"
                + " cannot be " + change + " through the registry; use another port id";
    }

    private RegistryView registryView() {
        ComposedSchema live = registry.liveSchema();
        return new RegistryView(registry.snapshot(), live == null ? List.of() : live.problems(),
                domain -> storedOfDomain(domain));
    }

    private List<OutputPortContract> storedOfDomain(String domain) {
        List<OutputPortContract> contracts = new ArrayList<>();
        for (StoredContract stored : store.active().active()) {
            if (!stored.domain().equals(domain)) {
                continue;
            }
            try {
                contracts.add(stored.contract());
            } catch (ContractValidationException e) {
                LOG.debug("stored contract of port '{}' does not parse; ignored for relationship checks",
                        stored.portId());
            }
        }
        return contracts;
    }

    /** The refusal of a subject without the publishing right of {@code domain} ({@link PublishingRights}). */
    private static Optional<RegistrationResult> authorize(Subject subject, String domain, boolean dryRun) {
        return PublishingRights.refusal(subject, domain).map(refusal -> refused(
                refusal.code() == ErrorCode.UNAUTHENTICATED ? RegistrationOutcome.UNAUTHENTICATED
                        : RegistrationOutcome.FORBIDDEN,
                refusal.code(), ProblemKind.AUTHORIZATION, "$.domain", refusal.getMessage(), dryRun));
    }

    private static RegistrationResult unreadable(ContractValidationException e, boolean dryRun) {
        boolean malformed = isMalformed(e.problems());
        List<RegistrationProblem> problems = e.problems().stream().map(RegistrationProblem::structure).toList();
        String message = malformed
                ? "the document is not a YAML or JSON contract: " + e.problems().getFirst().problem()
                : "the contract is not a valid output port contract: " + count(problems.size(), "problem")
                        + ", the first at " + problems.getFirst().path() + ": " + problems.getFirst().problem();
        return RegistrationResult.refused(malformed ? RegistrationOutcome.MALFORMED : RegistrationOutcome.INVALID,
                malformed ? ErrorCode.BAD_REQUEST : ErrorCode.INVALID_CONTRACT, message, dryRun,
                malformed ? problems.stream().map(problem -> new RegistrationProblem(ErrorCode.BAD_REQUEST.name(),
                        ProblemKind.DOCUMENT, problem.path(), problem.problem(), problem.expected())).toList()
                        : problems);
    }

    /**
     * Whether the parser could not read the document as a tree at all (not YAML or JSON, several documents, not a
     * mapping), rather than read a tree that is not a valid contract.
     */
    private static boolean isMalformed(List<ContractProblem> problems) {
        if (problems.size() != 1 || !problems.getFirst().path().equals("$")) {
            return false;
        }
        String problem = problems.getFirst().problem();
        return problem.startsWith("not valid YAML or JSON") || problem.startsWith("the document is empty")
                || problem.startsWith("more than one YAML document") || problem.startsWith("the document exceeds")
                || problem.startsWith("the document is ");
    }

    /**
     * A refusal by the registry itself: {@code INVALID_CONTRACT} for what the store cannot keep (a name longer than
     * its columns), anything else a failure of the gateway (its database, a schema that did not go live in time).
     */
    private RegistrationResult failed(OutputPortContract contract, PorticoException e, boolean dryRun) {
        boolean invalid = e.code() == ErrorCode.INVALID_CONTRACT;
        if (!invalid) {
            LOG.warn("registration of port '{}' failed: {}", contract.id(), e.getMessage());
        }
        return named(refused(invalid ? RegistrationOutcome.INVALID : RegistrationOutcome.FAILED, e.code(),
                invalid ? ProblemKind.STRUCTURE : ProblemKind.GATEWAY, "$", e.getMessage(), dryRun), contract);
    }

    private static RegistrationResult accepted(RegistrationOutcome outcome, String message, boolean dryRun,
            Long registryVersion, Long schemaVersion, String portStatus, PortValidation validation,
            RegistrationChanges changes, VersionVerdict verdict) {
        return new RegistrationResult(RegistrationResult.Status.ACCEPTED, outcome, null, message, dryRun, null, null,
                null, null, List.of(), registryVersion, schemaVersion, portStatus, List.of(), validation.warnings(),
                changes, verdict);
    }

    private static RegistrationResult refused(RegistrationOutcome outcome, ErrorCode code, ProblemKind kind,
            String path, String message, boolean dryRun) {
        return RegistrationResult.refused(outcome, code, message, dryRun,
                List.of(RegistrationProblem.of(code, kind, path, message, expected(outcome))));
    }

    private static String expected(RegistrationOutcome outcome) {
        return switch (outcome) {
            case UNAUTHENTICATED -> "a bearer token (in the demo: ./portico token --domain <domain>)";
            case FORBIDDEN -> "a token whose 'domains' claim names the port's domain";
            case NOT_FOUND -> "the id of a registered port";
            case CONFLICT -> "a port id of your own";
            case INVALID -> "a contract the registry can keep";
            default -> "a gateway that works; retry, and see the gateway log";
        };
    }

    private static RegistrationResult named(RegistrationResult result, OutputPortContract contract) {
        return result.withPort(contract.id(), contract.domain(), contract.dataProduct(), contract.version(),
                PortUrns.of(contract));
    }

    private static String firstCode(List<RegistrationProblem> problems) {
        return problems.stream()
                .map(RegistrationProblem::code)
                .filter(code -> !code.equals(ErrorCode.INVALID_CONTRACT.name()))
                .findFirst()
                .orElse(ErrorCode.INVALID_CONTRACT.name());
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
