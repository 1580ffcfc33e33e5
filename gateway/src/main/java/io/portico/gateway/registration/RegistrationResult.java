package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compat.VersionVerdict;
import io.portico.schema.error.ErrorCode;
import java.util.List;

/**
 * The answer to a registration, check or retirement, the same over REST (the response body) and GraphQL (the
 * {@code RegistrationResult} type of the mutations). A refusal is a result too, never an exception: it says why
 * ({@link #code}, {@link #problems}) and what to do ({@link #message}).
 *
 * @param status          accepted or refused
 * @param outcome         what exactly happened; gives the HTTP status
 * @param code            the {@link ErrorCode} of a refusal; null when accepted
 * @param message         one sentence for the domain team
 * @param dryRun          true for a check: nothing was stored
 * @param portId          the contract id; null when the document did not parse that far
 * @param domain          the port's domain, when known
 * @param dataProduct     the port's data product, when known
 * @param version         the contract's semantic version, when known
 * @param urns            {@code urn:portico:<domain>:<product>:<dataset>:v<major>} of every dataset
 * @param registryVersion the registry version of the stored change; null when nothing was stored
 * @param schemaVersion   the version of the GraphQL schema ({@code Query.schemaVersion}) serving the change; null
 *                        when the schema did not change
 * @param portStatus      UP or DOWN at this gateway after a publication; null otherwise
 * @param problems        why the contract was refused
 * @param warnings        what deserves a look without stopping the registration
 * @param changes         the differences from the live version; null when nothing is live or not compared
 * @param versionVerdict  whether the version fits the changes; null when not compared
 */
public record RegistrationResult(
        Status status,
        RegistrationOutcome outcome,
        String code,
        String message,
        boolean dryRun,
        String portId,
        String domain,
        String dataProduct,
        String version,
        List<String> urns,
        Long registryVersion,
        Long schemaVersion,
        String portStatus,
        List<RegistrationProblem> problems,
        List<RegistrationProblem> warnings,
        RegistrationChanges changes,
        VersionVerdict versionVerdict) {

    /** Accepted or refused. */
    public enum Status {
        ACCEPTED,
        REFUSED
    }

    public RegistrationResult {
        requireNonNull(status, "status is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        urns = List.copyOf(urns);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if ((status == Status.ACCEPTED) != outcome.accepted()) {
            throw new IllegalArgumentException("status " + status + " does not fit outcome " + outcome);
        }
        if ((status == Status.REFUSED) == (code == null)) {
            throw new IllegalArgumentException("a refusal has a code, an accepted result none: " + status + " " + code);
        }
    }

    /** The HTTP status of this result: {@link RegistrationOutcome#httpStatus()}. */
    public int httpStatus() {
        return outcome.httpStatus();
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** A refusal before anything about the port is known (body, size, token). */
    static RegistrationResult refused(RegistrationOutcome outcome, ErrorCode code, String message, boolean dryRun,
            List<RegistrationProblem> problems) {
        return new RegistrationResult(Status.REFUSED, outcome, code.name(), message, dryRun, null, null, null, null,
                List.of(), null, null, null, problems, List.of(), null, null);
    }

    /** A copy naming the port. */
    RegistrationResult withPort(String newPortId, String newDomain, String newDataProduct, String newVersion,
            List<String> newUrns) {
        return new RegistrationResult(status, outcome, code, message, dryRun, newPortId, newDomain, newDataProduct,
                newVersion, newUrns, registryVersion, schemaVersion, portStatus, problems, warnings, changes,
                versionVerdict);
    }
}
