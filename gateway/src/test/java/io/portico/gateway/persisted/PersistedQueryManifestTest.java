package io.portico.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class PersistedQueryManifestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORDERS = "query Orders { sales { orders { nodes { orderId } } } }";

    @TempDir
    Path folder;

    @Test
    void readsAnApolloManifestAndAnIdToDocumentMapFromOneFolder() throws IOException {
        Files.writeString(folder.resolve("apollo.json"), """
                {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [
                  {"id": "a1", "name": "Orders", "type": "query", "body": "%s"}]}""".formatted(ORDERS));
        Files.writeString(folder.resolve("relay.json"), "{\"r1\": \"{ schemaVersion }\"}");
        Files.writeString(folder.resolve("notes.txt"), "not a manifest");

        PersistedQueryManifest manifest = PersistedQueryManifest.read(folder, JSON);

        assertThat(manifest.size()).isEqualTo(2);
        assertThat(manifest.document("a1")).contains(ORDERS);
        assertThat(manifest.document("r1")).contains("{ schemaVersion }");
        assertThat(manifest.lists(ORDERS)).isTrue();
        assertThat(manifest.lists(ORDERS + " ")).isFalse();
        assertThat(manifest.document("A1")).isEmpty();
    }

    @Test
    void refusesOneIdForTwoDocuments() throws IOException {
        Files.writeString(folder.resolve("a.json"), "{\"x\": \"{ schemaVersion }\"}");
        Files.writeString(folder.resolve("b.json"), "{\"x\": \"{ dataProducts { totalCount } }\"}");

        assertThatThrownBy(() -> PersistedQueryManifest.read(folder, JSON))
                .hasMessageContaining("b.json").hasMessageContaining("'x'");
    }

    @Test
    void refusesAnUnknownFormatADocumentThatDoesNotParseAndAnEmptyList() throws IOException {
        Path other = Files.writeString(folder.resolve("other.json"),
                "{\"format\": \"relay\", \"version\": 1, \"operations\": []}");
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"b\": \"{ sales { orders(\"}");
        Path empty = Files.writeString(folder.resolve("empty.json"), "{}");
        Path notJson = Files.writeString(folder.resolve("not.json"), "[1, 2");

        assertThatThrownBy(() -> PersistedQueryManifest.read(other, JSON)).hasMessageContaining("apollo-persisted-query-manifest");
        assertThatThrownBy(() -> PersistedQueryManifest.read(broken, JSON)).hasMessageContaining("'b' does not parse");
        assertThatThrownBy(() -> PersistedQueryManifest.read(empty, JSON)).hasMessageContaining("lists no operation");
        assertThatThrownBy(() -> PersistedQueryManifest.read(notJson, JSON)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PersistedQueryManifest.read(folder.resolve("missing"), JSON))
                .hasMessageContaining("neither a file nor a folder");
    }
}
