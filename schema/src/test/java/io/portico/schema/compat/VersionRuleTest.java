package io.portico.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.compose.PortSnapshot;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionRuleTest {

    private static final ChangeReport NONE = report("no-change");
    private static final ChangeReport SAFE_ADDITION = report("field-added");
    private static final ChangeReport SAFE_FIX = report("field-description-changed");
    private static final ChangeReport DANGEROUS = report("decimal-narrowed");
    private static final ChangeReport BREAKING = report("field-removed");

    /** live version, candidate version, report, accepted, side by side, suggested version. */
    static Stream<Arguments> versionTable() {
        return Stream.of(
                Arguments.of("1.0.0", "1.0.0", NONE, true, false, "1.0.0"),
                Arguments.of("1.0.0", "1.0.1", NONE, true, false, "1.0.0"),
                Arguments.of("1.0.0", "0.9.0", NONE, false, false, "1.0.0"),
                Arguments.of("1.0.0", "1.0.0", SAFE_FIX, false, false, "1.0.1"),
                Arguments.of("1.0.0", "1.0.1", SAFE_FIX, true, false, "1.0.1"),
                Arguments.of("1.0.0", "1.0.0", SAFE_ADDITION, false, false, "1.1.0"),
                Arguments.of("1.0.0", "1.0.1", SAFE_ADDITION, true, false, "1.1.0"),
                Arguments.of("1.0.0", "1.1.0", SAFE_ADDITION, true, false, "1.1.0"),
                Arguments.of("1.2.0", "1.1.9", SAFE_ADDITION, false, false, "1.3.0"),
                Arguments.of("1.0.0", "1.0.1", DANGEROUS, true, false, "1.0.1"),
                Arguments.of("1.0.0", "1.0.0", DANGEROUS, false, false, "1.0.1"),
                Arguments.of("1.0.0", "1.0.0", BREAKING, false, false, "2.0.0"),
                Arguments.of("1.0.0", "1.1.0", BREAKING, false, false, "2.0.0"),
                Arguments.of("1.4.2", "1.9.9", BREAKING, false, false, "2.0.0"),
                Arguments.of("1.0.0", "2.0.0", BREAKING, true, true, "2.0.0"),
                Arguments.of("1.0.0", "2.0.0-rc.1", BREAKING, true, true, "2.0.0"),
                Arguments.of("1.0.0", "3.0.0", BREAKING, true, true, "2.0.0"),
                Arguments.of("1.0.0", "2.0.0", SAFE_FIX, true, true, "1.0.1"),
                Arguments.of("2.0.0", "1.5.0", BREAKING, false, false, "3.0.0"),
                Arguments.of("1.0.0-rc.1", "1.0.0", SAFE_FIX, true, false, "1.0.0"),
                Arguments.of("1.0.0", "1.0.0-rc.1", SAFE_FIX, false, false, "1.0.1"),
                Arguments.of("0.3.0", "0.4.0", BREAKING, false, false, "1.0.0"));
    }

    @ParameterizedTest(name = "{0} -> {1} with {2}: accepted {3}, side by side {4}")
    @MethodSource("versionTable")
    void decidesByTheTable(String live, String candidate, ChangeReport report, boolean accepted, boolean sideBySide,
            String suggested) {
        VersionVerdict verdict = VersionRule.check(live, candidate, report);

        assertThat(verdict.accepted()).as(verdict.message()).isEqualTo(accepted);
        assertThat(verdict.sideBySide()).as(verdict.message()).isEqualTo(sideBySide);
        assertThat(verdict.suggestedVersion()).as(verdict.message()).isEqualTo(suggested);
        assertThat(verdict.liveVersion()).isEqualTo(live);
        assertThat(verdict.candidateVersion()).isEqualTo(candidate);
        assertThat(verdict.message()).isNotBlank();
    }

    @Test
    void breakingChangeWithoutANewMajorSaysToBumpOrRestore() {
        VersionVerdict verdict = VersionRule.check("1.0.0", "1.1.0", BREAKING);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message()).isEqualTo("version 1.1.0 keeps major version 1 but makes 1 breaking change:"
                + " bump the major version to 2.0.0 to publish these breaking changes beside 1.x,"
                + " or restore field 'status'");
    }

    @Test
    void severalBreakingChangesListEveryWayBack() {
        PortSnapshot candidate = PortEditor.of(DemoPorts.sales())
                .removeField("orders", "status")
                .field("orders", "currency", field -> field.required = false)
                .build();
        ChangeReport report = ContractChangeChecker.compare(DemoPorts.sales(), candidate);

        VersionVerdict verdict = VersionRule.check("1.0.0", "1.0.1", report);

        assertThat(verdict.message()).endsWith("bump the major version to 2.0.0 to publish these breaking changes"
                + " beside 1.x, or mark field 'currency' required again and restore field 'status'");
    }

    @Test
    void sameVersionWithChangesAsksForANewVersion() {
        assertThat(VersionRule.check("1.0.0", "1.0.0", SAFE_ADDITION).message())
                .isEqualTo("version 1.0.0 is already live and this contract changes it (1 safe change); a changed"
                        + " contract needs a new version: publish it as version 1.1.0 or higher");
        assertThat(VersionRule.check("1.0.0", "1.0.0", BREAKING).message())
                .contains("already live", "bump the major version to 2.0.0", "or restore field 'status'");
    }

    @Test
    void lowerVersionIsRefusedWithTheVersionToUse() {
        assertThat(VersionRule.check("1.2.0", "1.1.9", SAFE_FIX).message())
                .isEqualTo("version 1.1.9 is lower than the live version 1.2.0, and versions only go forward:"
                        + " publish it as version 1.2.1 or higher");
    }

    @Test
    void newMajorIsServedBesideTheOldOne() {
        VersionVerdict verdict = VersionRule.check("1.3.0", "2.0.0", BREAKING);

        assertThat(verdict.sideBySide()).isTrue();
        assertThat(verdict.message()).isEqualTo("version 2.0.0 is a new major version: it is served beside 1.x until"
                + " 1.x is retired. Its 1 breaking change applies to 2.x only; clients of 1.x keep working.");
    }

    @Test
    void acceptedVersionWarnsAboutDangerousChangesAndUnderBumps() {
        assertThat(VersionRule.check("1.0.0", "1.0.1", DANGEROUS).message())
                .startsWith("version 1.0.1 replaces 1.0.0 (1 dangerous change). Review the dangerous change")
                .contains("decimal(14,2) becomes decimal(12,2)");
        assertThat(VersionRule.check("1.0.0", "1.0.1", SAFE_ADDITION).message())
                .isEqualTo("version 1.0.1 replaces 1.0.0 (1 safe change). Semantic versioning would ask for 1.1.0"
                        + " since the contract adds capability.");
    }

    @Test
    void firstPublicationNeedsOnlyASemanticVersion() {
        VersionVerdict verdict = VersionRule.check(null, "1.0.0", NONE);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.sideBySide()).isFalse();
        assertThat(verdict.message()).isEqualTo("first publication, as version 1.0.0");
    }

    @Test
    void versionsThatAreNotSemanticAreRefused() {
        assertThat(VersionRule.check("1.0.0", "1.1", SAFE_FIX).message())
                .isEqualTo("version '1.1' is not a semantic version: use MAJOR.MINOR.PATCH, e.g. 1.0.0");
        assertThat(VersionRule.check("1.0.0", "v2.0.0", BREAKING).accepted()).isFalse();
        assertThat(VersionRule.check("latest", "2.0.0", BREAKING).message()).contains("'latest' is not a semantic version");
    }

    private static ChangeReport report(String caseName) {
        CompatCase compatCase = CompatCases.named(caseName);
        return ContractChangeChecker.compare(compatCase.live(), compatCase.candidate());
    }
}
