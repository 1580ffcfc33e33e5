package io.portico.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    @Test
    void precedenceFollowsSemver() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0");

        for (int index = 1; index < ordered.size(); index++) {
            SemanticVersion lower = SemanticVersion.parse(ordered.get(index - 1)).orElseThrow();
            SemanticVersion higher = SemanticVersion.parse(ordered.get(index)).orElseThrow();
            assertThat(lower).as(lower + " < " + higher).isLessThan(higher);
        }
    }

    @Test
    void buildMetadataIsNotPartOfPrecedence() {
        assertThat(SemanticVersion.parse("1.0.0+build.7").orElseThrow())
                .isEqualByComparingTo(SemanticVersion.parse("1.0.0").orElseThrow())
                .hasToString("1.0.0+build.7");
    }

    @Test
    void nextVersions() {
        SemanticVersion version = SemanticVersion.parse("1.4.2").orElseThrow();

        assertThat(version.nextMajor()).hasToString("2.0.0");
        assertThat(version.nextMinor()).hasToString("1.5.0");
        assertThat(version.nextPatch()).hasToString("1.4.3");
        assertThat(SemanticVersion.parse("2.0.0-rc.1").orElseThrow().nextPatch()).hasToString("2.0.0");
        assertThat(version.majorLine()).isEqualTo("1.x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-a..b", "1.0.0 beta", "", "99999999999999999999.0.0"})
    void rejectsWhatIsNotASemanticVersion(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }
}
