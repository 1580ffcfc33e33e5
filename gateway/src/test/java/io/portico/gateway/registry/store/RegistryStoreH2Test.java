package io.portico.gateway.registry.store;

import static io.portico.gateway.registry.store.RegistryTables.CONTRACT_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_AT;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_BY;
import static io.portico.gateway.registry.store.RegistryTables.ENDED_REGISTRY_VERSION;
import static io.portico.gateway.registry.store.RegistryTables.REGISTRY_VERSION_OF_ROW;
import static io.portico.gateway.registry.store.RegistryTables.STATUS;
import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry store on H2, the default registry database. */
class RegistryStoreH2Test extends RegistryStoreContractTest {

    @Override
    TestRegistryDatabase newDatabase() {
        return TestRegistryDatabase.h2InMemory();
    }

    /**
     * What a kill -9 has been seen to leave in an H2 file (RegistryCrashTest): the rows of the last acknowledged
     * registrations kept, but the last updates of the registry version lost, and here also the update that ended
     * the port's previous version. Opening the store raises the version to the rows', ends the older active
     * version again, and the port registers as before.
     */
    @Test
    void openingTheStoreReconcilesWhatACrashLostOfTheLastCommits(@TempDir Path directory) throws Exception {
        String url = TestRegistryDatabase.h2FileUrl(directory);
        StoredContract second;
        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate()) {
            RegistryStore store = database.store();
            String first = labDocument("crashed-port", "lab", "1.0.0");
            StoredContract kept = store.register(parse(first), first, "test");
            String next = labDocument("crashed-port", "lab", "1.0.1");
            second = store.register(parse(next), next, "test");
            DSLContext sql = database.dsl();
            sql.update(RegistryTables.REGISTRY_VERSION)
                    .set(RegistryTables.REGISTRY_VERSION_VERSION, kept.registryVersion())
                    .execute();
            sql.update(CONTRACT_VERSION)
                    .set(STATUS, RegistrationStatus.ACTIVE.column())
                    .set(ENDED_REGISTRY_VERSION, (Long) null)
                    .set(ENDED_BY, (String) null)
                    .set(ENDED_AT, (OffsetDateTime) null)
                    .where(REGISTRY_VERSION_OF_ROW.eq(kept.registryVersion()))
                    .execute();
        }

        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate()) {
            RegistryStore store = database.store();

            assertThat(store.registryVersion()).isEqualTo(second.registryVersion());
            assertThat(store.history("crashed-port")).extracting(StoredContract::status)
                    .containsExactly(RegistrationStatus.SUPERSEDED, RegistrationStatus.ACTIVE);
            assertThat(store.history("crashed-port").getFirst().ended().registryVersion())
                    .isEqualTo(second.registryVersion());
            String again = labDocument("crashed-port", "lab", "1.0.2");
            StoredContract third = store.register(parse(again), again, "test");
            assertThat(third.revision()).isEqualTo(3);
            assertThat(third.registryVersion()).isEqualTo(second.registryVersion() + 1);
            assertThat(database.dsl().fetchCount(CONTRACT_VERSION)).isEqualTo(3);
        }
    }

    /** A crash kept the update that ended the port's version but lost the registration that superseded it. */
    @Test
    void aVersionSupersededByARegistrationTheCrashLostIsActiveAgain(@TempDir Path directory) throws Exception {
        String url = TestRegistryDatabase.h2FileUrl(directory);
        StoredContract first;
        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate()) {
            RegistryStore store = database.store();
            String text = labDocument("orphan-port", "lab", "1.0.0");
            first = store.register(parse(text), text, "test");
            String next = labDocument("orphan-port", "lab", "1.0.1");
            StoredContract second = store.register(parse(next), next, "test");
            database.dsl().deleteFrom(CONTRACT_VERSION).where(REGISTRY_VERSION_OF_ROW.eq(second.registryVersion()))
                    .execute();
        }

        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate()) {
            RegistryStore store = database.store();

            assertThat(store.history("orphan-port")).singleElement().satisfies(version -> {
                assertThat(version.registryVersion()).isEqualTo(first.registryVersion());
                assertThat(version.status()).isEqualTo(RegistrationStatus.ACTIVE);
            });
            assertThat(store.active().active()).extracting(StoredContract::portId).contains("orphan-port");
            String again = labDocument("orphan-port", "lab", "1.0.1");
            assertThat(store.register(parse(again), again, "test").registryVersion())
                    .as("a version is never reused").isGreaterThan(first.registryVersion() + 1);
        }
    }
}
