package io.portico.schema.compat;

import static java.util.Objects.requireNonNull;

/**
 * Whether a candidate contract may be published under its version, given its {@link ChangeReport} against the
 * live contract ({@link VersionRule#check}).
 *
 * @param accepted         true when the version fits the changes
 * @param sideBySide       true when the candidate starts a new major version: it is served beside the live
 *                         major until that one is retired
 * @param liveVersion      the live version, or null when nothing is live
 * @param candidateVersion the candidate's version as given
 * @param suggestedVersion the smallest version semantic versioning asks for these changes (next major for
 *                         breaking changes, next minor for additions, next patch otherwise, the live version when
 *                         nothing changes); null when a version is not a semantic version
 * @param message          for the domain team: what was decided and, when refused, exactly what to do
 */
public record VersionVerdict(
        boolean accepted,
        boolean sideBySide,
        String liveVersion,
        String candidateVersion,
        String suggestedVersion,
        String message) {

    public VersionVerdict {
        requireNonNull(message, "message is null");
        if (sideBySide && !accepted) {
            throw new IllegalArgumentException("a refused version cannot be served side by side");
        }
    }
}
