package io.portico.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.persisted.PersistedQueries.Refused;
import io.portico.gateway.persisted.PersistedQueries.Run;
import io.portico.schema.error.ErrorCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersistedQueriesTest {

    private static final String QUERY = "{ schemaVersion }";
    private static final String HASH = PersistedQueries.sha256(QUERY);

    @Test
    void theHashIsTheSha256OfTheUtf8TextInLowercaseHex() {
        assertThat(PersistedQueries.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(PersistedQueries.sha256("")).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void apqRegistersOnlyWhatRanAndAcceptsAnUppercaseHash() {
        PersistedQueries apq = new PersistedQueries(PersistedQueryMode.APQ, new PersistedQueryStore(10, 1000), null);

        Run run = (Run) apq.resolve(QUERY, extension(HASH.toUpperCase(java.util.Locale.ROOT)));
        assertThat(run.register()).contains(HASH);
        assertThat(apq.resolve(null, extension(HASH))).isInstanceOf(Refused.class);

        apq.register(run);

        assertThat(apq.resolve(null, extension(HASH))).isEqualTo(new Run(QUERY, Optional.empty()));
    }

    @Test
    void offAnswersNotSupportedToAnyPersistedQueryAndRunsPlainOnes() {
        PersistedQueries off = new PersistedQueries(PersistedQueryMode.OFF, new PersistedQueryStore(10, 1000), null);

        Refused refused = (Refused) off.resolve(QUERY, extension(HASH));

        assertThat(refused.code()).isEqualTo(ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED);
        assertThat(refused.message()).isEqualTo("PersistedQueryNotSupported");
        assertThat(refused.httpStatus()).isEqualTo(200);
        assertThat(off.resolve(QUERY, null)).isEqualTo(new Run(QUERY, Optional.empty()));
    }

    @Test
    void theStoreIsBoundedByCharacters() {
        PersistedQueryStore store = new PersistedQueryStore(1000, 100);
        for (int index = 0; index < 50; index++) {
            store.register("h" + index, "x".repeat(50));
        }
        store.cache().cleanUp();

        assertThat(store.cache().estimatedSize()).isLessThanOrEqualTo(2);
    }

    private static Map<String, Object> extension(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }
}
