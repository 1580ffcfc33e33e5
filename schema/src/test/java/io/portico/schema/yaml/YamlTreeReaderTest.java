package io.portico.schema.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    private static YamlTreeReader.Result read(String document) {
        return YamlTreeReader.read(document, "policy file", "a mapping with version: 1 and rules");
    }

    @Test
    void readsADocumentIntoATreeWithNumbersAsWritten() {
        YamlTreeReader.Result result = read("a: 1\nb: [x, 2.50, true, null]\n'c d': {e: 12345678901234567890}\n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.tree().get("a").asInt()).isEqualTo(1);
        assertThat(result.tree().get("b").get(1).decimalValue()).hasToString("2.50");
        assertThat(result.tree().get("b").get(3).isNull()).isTrue();
        assertThat(result.tree().get("c d").get("e").bigIntegerValue()).hasToString("12345678901234567890");
    }

    @Test
    void aDuplicateKeyIsReportedWithItsLineAndReadPastKeepingTheFirstValue() {
        YamlTreeReader.Result result = read("a:\n  'b c': 1\n  'b c': 2\n");

        assertThat(result.tree().get("a").get("b c").asInt()).isEqualTo(1);
        assertThat(result.problems()).containsExactly(new YamlProblem("$.a['b c']",
                "duplicate key 'b c' at line 3, column 3; the first value is used",
                "each key at most once in a mapping"));
    }

    @Test
    void whatStopsReadingIsOneProblemAtItsPathAndNoTree() {
        assertThat(read("").problems()).containsExactly(new YamlProblem("$", "the document is empty",
                "a mapping with version: 1 and rules"));
        assertThat(read("a: 1\n---\nb: 2\n").problems()).containsExactly(new YamlProblem("$",
                "more than one YAML document (a second one starts at line 3, column 1)",
                "exactly one document per policy file"));
        assertThat(read("a: [1, 2\nb: 3\n").problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$");
            assertThat(problem.problem()).startsWith("not valid YAML or JSON at line 2, column 2: ");
            assertThat(problem.expected()).isEqualTo("a well-formed YAML or JSON document");
        });
        assertThat(read("x: &a [1]\nlist: [0, *a]\n").problems()).containsExactly(new YamlProblem("$.list[1]",
                "YAML alias '*a' at line 2, column 11 is not supported",
                "the value written out in full (anchors and aliases are not expanded)"));
        assertThat(List.of(read(""), read("a: [1, 2\n"), read("x: &a 1\ny: *a\n")))
                .allSatisfy(result -> assertThat(result.tree()).isNull());
    }

    @Test
    void aDocumentNestedBeyondTheParserLimitIsRefusedAsSuch() {
        String deep = "a: " + "[".repeat(2_000) + "]".repeat(2_000) + "\n";

        assertThat(read(deep).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.problem()).startsWith("the document exceeds a parser limit at ")
                    .contains("nesting depth");
            assertThat(problem.expected()).isEqualTo("a policy file of ordinary size and nesting");
        });
    }

    @Test
    void pathsAreJsonPathsFromTheRoot() {
        assertThat(YamlPaths.child("$", "rules")).isEqualTo("$.rules");
        assertThat(YamlPaths.child(YamlPaths.element("$.rules", 3), "mask")).isEqualTo("$.rules[3].mask");
        assertThat(YamlPaths.child("$.claims", "it's a\\b")).isEqualTo("$.claims['it\\'s a\\\\b']");
    }
}
