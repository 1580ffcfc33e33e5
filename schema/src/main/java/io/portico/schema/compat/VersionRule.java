package io.portico.schema.compat;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The semantic-versioning rule of output ports: which version a candidate contract needs for the changes it makes
 * to the live one.
 *
 * <ul>
 *   <li>Versions only go forward: a candidate version lower than the live one is refused.</li>
 *   <li>The live version with other content is refused: a change needs a new version. The live version with the
 *       same content is accepted (re-publishing changes nothing).</li>
 *   <li>A {@link ChangeSeverity#BREAKING breaking} change is refused unless the major version rises.</li>
 *   <li>A higher major version is accepted with or without breaking changes and is
 *       {@link VersionVerdict#sideBySide() served beside} the live major until that one is retired.</li>
 *   <li>Otherwise any higher version is accepted; the message warns about dangerous changes and says when semantic
 *       versioning would ask for a larger step (a minor version for additions).</li>
 * </ul>
 *
 * <p>Compare a candidate with the live contract of the same major when one is live (a fix to 1.x beside a live
 * 2.x compares with 1.x), else with the highest live major.
 */
public final class VersionRule {

    /** Kinds that add capability: semantic versioning asks for a new minor version. */
    private static final Set<ChangeKind> ADDITIONS = Set.of(ChangeKind.DATASET_ADDED, ChangeKind.FIELD_ADDED,
            ChangeKind.RELATIONSHIP_ADDED, ChangeKind.FIELD_TYPE_EXTENDED);

    private VersionRule() {
    }

    /**
     * @param liveVersion      the version of the live contract, or null when none is live (first publication)
     * @param candidateVersion the version the candidate contract declares
     * @param report           {@link ContractChangeChecker#compare} of the live port and the candidate; ignored
     *                         when nothing is live
     */
    public static VersionVerdict check(String liveVersion, String candidateVersion, ChangeReport report) {
        requireNonNull(report, "report is null");
        Optional<SemanticVersion> candidate = SemanticVersion.parse(candidateVersion);
        if (candidate.isEmpty()) {
            return refused(liveVersion, candidateVersion, null, "version '" + candidateVersion
                    + "' is not a semantic version: use MAJOR.MINOR.PATCH, e.g. 1.0.0");
        }
        if (liveVersion == null) {
            return new VersionVerdict(true, false, null, candidateVersion, candidate.get().toString(),
                    "first publication, as version " + candidate.get());
        }
        Optional<SemanticVersion> live = SemanticVersion.parse(liveVersion);
        if (live.isEmpty()) {
            return refused(liveVersion, candidateVersion, null, "the live version '" + liveVersion
                    + "' is not a semantic version, so no candidate can be compared with it; retire the live port"
                    + " and publish again");
        }
        return decide(live.get(), candidate.get(), report);
    }

    private static VersionVerdict decide(SemanticVersion live, SemanticVersion candidate, ChangeReport report) {
        SemanticVersion suggested = suggested(live, report);
        int order = candidate.compareTo(live);
        if (order < 0) {
            return refused(live, candidate, suggested, "version " + candidate + " is lower than the live version "
                    + live + ", and versions only go forward: " + whatToDo(live, suggested, report));
        }
        if (order == 0) {
            if (report.isEmpty()) {
                return new VersionVerdict(true, false, live.toString(), candidate.toString(), live.toString(),
                        "version " + live + " is already live with the same content: nothing changes");
            }
            return refused(live, candidate, suggested, "version " + live + " is already live and this contract"
                    + " changes it (" + report.summary() + "); a changed contract needs a new version: "
                    + whatToDo(live, suggested, report));
        }
        if (candidate.major() > live.major()) {
            String breaking = report.hasBreakingChanges()
                    ? " Its " + count(report.breaking().size(), "breaking change")
                            + (report.breaking().size() == 1 ? " applies" : " apply") + " to " + candidate.major()
                            + ".x only; clients of " + live.majorLine() + " keep working."
                    : "";
            return new VersionVerdict(true, true, live.toString(), candidate.toString(), suggested.toString(),
                    "version " + candidate + " is a new major version: it is served beside " + live.majorLine()
                            + " until " + live.majorLine() + " is retired." + breaking);
        }
        if (report.hasBreakingChanges()) {
            return refused(live, candidate, suggested, "version " + candidate + " keeps major version "
                    + live.major() + " but makes " + count(report.breaking().size(), "breaking change") + ": "
                    + whatToDo(live, suggested, report));
        }
        return new VersionVerdict(true, false, live.toString(), candidate.toString(), suggested.toString(),
                acceptedMessage(live, candidate, suggested, report));
    }

    private static String acceptedMessage(
            SemanticVersion live, SemanticVersion candidate, SemanticVersion suggested, ChangeReport report) {
        StringBuilder message = new StringBuilder("version ").append(candidate).append(" replaces ").append(live)
                .append(" (").append(report.summary()).append(").");
        if (!report.dangerous().isEmpty()) {
            message.append(" Review the dangerous ").append(report.dangerous().size() == 1 ? "change" : "changes")
                    .append(", clients keep working but may see other values or access: ")
                    .append(String.join("; ", report.dangerous().stream().map(ContractChange::message).toList()))
                    .append('.');
        }
        if (candidate.compareTo(suggested) < 0) {
            message.append(" Semantic versioning would ask for ").append(suggested)
                    .append(" since the contract adds capability.");
        }
        return message.toString();
    }

    /** What the team must do to publish: the version to use and, for breaking changes, the way back. */
    private static String whatToDo(SemanticVersion live, SemanticVersion suggested, ChangeReport report) {
        if (!report.hasBreakingChanges()) {
            return report.isEmpty()
                    ? "publish it as version " + live + " (nothing changes) or " + live.nextPatch() + " or higher"
                    : "publish it as version " + suggested + " or higher";
        }
        List<String> reverts = report.breaking().stream().map(ContractChange::revert).distinct().toList();
        return "bump the major version to " + live.nextMajor() + " to publish these breaking changes beside "
                + live.majorLine() + ", or " + joinAnd(reverts);
    }

    private static SemanticVersion suggested(SemanticVersion live, ChangeReport report) {
        if (report.hasBreakingChanges()) {
            return live.nextMajor();
        }
        if (report.isEmpty()) {
            return live;
        }
        boolean adds = report.changes().stream().anyMatch(change -> ADDITIONS.contains(change.kind()));
        return adds ? live.nextMinor() : live.nextPatch();
    }

    private static VersionVerdict refused(
            SemanticVersion live, SemanticVersion candidate, SemanticVersion suggested, String message) {
        return refused(live.toString(), candidate.toString(), suggested, message);
    }

    private static VersionVerdict refused(
            String live, String candidate, SemanticVersion suggested, String message) {
        return new VersionVerdict(false, false, live, candidate, suggested == null ? null : suggested.toString(),
                message);
    }

    private static String joinAnd(List<String> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
