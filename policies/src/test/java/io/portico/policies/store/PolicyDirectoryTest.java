package io.portico.policies.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.parse.PolicyProblem;
import io.portico.policies.parse.PolicyValidationException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void readsTheYamlFilesOfTheDirectorySortedByName() throws Exception {
        Files.writeString(directory.resolve("b.yml"), rule("from-b"));
        Files.writeString(directory.resolve("a.yaml"), rule("from-a"));
        Files.writeString(directory.resolve("C.YAML"), rule("from-c"));
        Files.writeString(directory.resolve(".hidden.yaml"), "not: read");
        Files.writeString(directory.resolve("notes.txt"), "not read");
        Files.createDirectory(directory.resolve("sub.yaml"));

        PolicySet set = PolicyDirectory.load(directory);

        assertThat(set.rules()).extracting(PolicyRule::name).containsExactly("from-c", "from-a", "from-b");
        assertThat(set.rules()).extracting(PolicyRule::source).containsExactly("C.YAML", "a.yaml", "b.yml");
        assertThat(set.version()).isEqualTo(PolicyParser.version(PolicyDirectory.read(directory)));
    }

    @Test
    void refusesADirectoryWithoutPolicyFiles() {
        PolicyValidationException error = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyDirectory.load(directory));

        assertThat(error.problems()).extracting(PolicyProblem::problem).containsExactly("no policy file");
    }

    @Test
    void refusesOversizedAndNonUtf8FilesWithoutParsingThem() throws Exception {
        Path huge = directory.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(5L << 20);
        }
        assertThat(catchThrowableOfType(PolicyValidationException.class, () -> PolicyDirectory.load(directory))
                .problems().getFirst().problem()).contains("bytes, more than any policy file");

        Files.delete(huge);
        Files.write(directory.resolve("latin1.yaml"), new byte[] {'v', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(catchThrowableOfType(PolicyValidationException.class, () -> PolicyDirectory.load(directory))
                .problems().getFirst()).isEqualTo(new PolicyProblem("latin1.yaml", "$", "the file is not UTF-8 text",
                "a YAML file encoded in UTF-8"));
    }

    @Test
    void aMissingDirectoryIsAnIoError() {
        assertThatThrownBy(() -> PolicyDirectory.load(directory.resolve("missing")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read the policy directory");
    }

    @Test
    void loadsPolicyFilesFromTheClasspath() {
        PolicySet demo = ClasspathPolicies.demo();

        assertThat(demo.rules()).extracting(PolicyRule::source).containsOnly("classpath:demo/policies.yaml");
        assertThat(demo.rules()).extracting(PolicyRule::name).contains("stewards-see-everything",
                "support-sees-own-region");
        assertThat(ClasspathPolicies.load(ClasspathPolicies.DEMO)).isEqualTo(demo);
        assertThatThrownBy(() -> ClasspathPolicies.load("demo/missing.yaml"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no classpath resource");
    }

    static String rule(String name) {
        return "version: 1\nrules:\n  - {name: " + name + ", subjects: everyone, effect: allow}\n";
    }
}
