package io.portico.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * graphql-inspector as the oracle of {@link ContractChangeChecker}: for every case of {@link CompatCases}, the SDL
 * that {@link SchemaComposer} generates for the live port and for the candidate is committed under
 * {@code compat/cases/<case>/{old,new}.graphql}, and {@code compat/run-graphql-inspector.sh} recorded
 * {@code @graphql-inspector/cli}'s verdict on each pair in {@code compat/inspector-verdicts.json}. No node here:
 * this test checks that the committed files are still what composition generates (stale oracle data fails) and
 * that our highest severity agrees with inspector's verdict, or that the case says why it deliberately does not.
 *
 * <p>To refresh after changing the table or the composer: {@value #REGENERATE}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectorOracleTest {

    static final String WRITE_PROPERTY = "portico.compat.writeCases";
    static final String REGENERATE = "./mvnw -o -pl schema test -Dtest=InspectorOracleTest"
            + " -Dportico.compat.writeCases=true, then schema/src/test/resources/compat/run-graphql-inspector.sh,"
            + " and commit schema/src/test/resources/compat";

    private static final Path COMPAT = Path.of("src/test/resources/compat").toAbsolutePath();
    private static final Path CASES = COMPAT.resolve("cases");
    private static final Path VERDICTS = COMPAT.resolve("inspector-verdicts.json");

    static Stream<CompatCase> cases() {
        return CompatCases.all().stream();
    }

    /** Writes every case's SDL pair and removes directories of cases that no longer exist. Off unless asked for. */
    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = WRITE_PROPERTY, matches = "true")
    void writeCaseFiles() throws IOException {
        Files.createDirectories(CASES);
        Set<String> names = CompatCases.all().stream().map(CompatCase::name).collect(Collectors.toSet());
        for (String stale : caseDirectories()) {
            if (!names.contains(stale)) {
                try (Stream<Path> files = Files.list(CASES.resolve(stale))) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(CASES.resolve(stale));
            }
        }
        for (CompatCase compatCase : CompatCases.all()) {
            Path directory = Files.createDirectories(CASES.resolve(compatCase.name()));
            Files.writeString(directory.resolve("old.graphql"), sdl(compatCase.live()));
            Files.writeString(directory.resolve("new.graphql"), sdl(compatCase.candidate()));
        }
    }

    @Test
    @Order(2)
    void everyCaseHasCommittedFilesAndAVerdictAndNothingElseDoes() {
        Set<String> names = CompatCases.all().stream().map(CompatCase::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(caseDirectories()).as("case directories under %s; to refresh: %s", CASES, REGENERATE)
                .containsExactlyElementsOf(names);
        assertThat(new TreeSet<>(verdicts().get("cases").propertyNames()))
                .as("cases in %s; to refresh: %s", VERDICTS, REGENERATE)
                .containsExactlyElementsOf(names);
        assertThat(verdicts().get("tool").asString()).startsWith("@graphql-inspector/cli ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(3)
    void committedSdlIsWhatCompositionGeneratesToday(CompatCase compatCase) {
        Path directory = CASES.resolve(compatCase.name());

        assertThat(read(directory.resolve("old.graphql")))
                .as("stale oracle data for %s (old.graphql); to refresh: %s", compatCase.name(), REGENERATE)
                .isEqualTo(sdl(compatCase.live()));
        assertThat(read(directory.resolve("new.graphql")))
                .as("stale oracle data for %s (new.graphql); to refresh: %s", compatCase.name(), REGENERATE)
                .isEqualTo(sdl(compatCase.candidate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(4)
    void inspectorVerdictWasRecordedOnTheCommittedSdl(CompatCase compatCase) {
        JsonNode verdict = verdict(compatCase);
        Path directory = CASES.resolve(compatCase.name());

        assertThat(verdict.get("oldSha256").asString())
                .as("the verdict of %s was recorded on other SDL; to refresh: %s", compatCase.name(), REGENERATE)
                .isEqualTo(sha256(read(directory.resolve("old.graphql"))));
        assertThat(verdict.get("newSha256").asString())
                .as("the verdict of %s was recorded on other SDL; to refresh: %s", compatCase.name(), REGENERATE)
                .isEqualTo(sha256(read(directory.resolve("new.graphql"))));
        InspectorVerdict recorded = InspectorVerdict.valueOf(verdict.get("verdict").asString());
        assertThat(verdict.get("exitCode").asInt()).as("inspector's diff fails exactly on breaking changes")
                .isEqualTo(recorded == InspectorVerdict.BREAKING ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(5)
    void ourSeverityAgreesWithInspectorOrTheCaseSaysWhyNot(CompatCase compatCase) {
        InspectorVerdict recorded = InspectorVerdict.valueOf(verdict(compatCase).get("verdict").asString());
        ChangeReport report = ContractChangeChecker.compare(compatCase.live(), compatCase.candidate());

        assertThat(recorded).as("inspector's recorded verdict on %s, as the table states it: %s",
                compatCase.name(), verdict(compatCase).get("changes")).isEqualTo(compatCase.inspector());
        if (compatCase.differenceReason() == null) {
            assertThat(recorded.agreesWith(report.highestSeverity()))
                    .as("ours %s, inspector %s: %s", report.highestSeverity(), recorded, report.changes())
                    .isTrue();
        } else {
            assertThat(recorded.agreesWith(report.highestSeverity()))
                    .as("%s is listed as a deliberate difference but agrees with inspector", compatCase.name())
                    .isFalse();
        }
    }

    static String sdl(PortSnapshot port) {
        return SchemaComposer.compose(new RegistrySnapshot(1, List.of(port))).sdl();
    }

    private static JsonNode verdict(CompatCase compatCase) {
        JsonNode verdict = verdicts().get("cases").get(compatCase.name());
        assertThat(verdict).as("no inspector verdict for %s; to refresh: %s", compatCase.name(), REGENERATE).isNotNull();
        return verdict;
    }

    private static JsonNode verdicts() {
        return JsonMapper.builder().build().readTree(read(VERDICTS));
    }

    private static List<String> caseDirectories() {
        if (!Files.isDirectory(CASES)) {
            return List.of();
        }
        try (Stream<Path> directories = Files.list(CASES)) {
            return directories.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; to refresh: " + REGENERATE, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
