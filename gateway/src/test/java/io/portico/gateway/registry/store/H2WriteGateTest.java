package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The {@link H2WriteGate}: on H2 a registration does not begin while another writing transaction of the JVM is in
 * the gate (so H2 never saves the file while another transaction commits; RegistryCrashTest is the crash itself).
 */
class H2WriteGateTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aRegistrationOnH2WaitsUntilTheWritingTransactionInTheGateCommitted() throws Exception {
        try (TestRegistryDatabase database = TestRegistryDatabase.h2InMemory().migrate()) {
            RegistryStore store = database.store();
            DSLContext dsl = database.dsl();
            String document = labDocument("gated-port", "lab", "1.0.0");
            CompletableFuture<StoredContract> registration = H2WriteGate.write(dsl, () -> {
                CompletableFuture<StoredContract> started = CompletableFuture.supplyAsync(
                        () -> store.register(parse(document), document, "test"));
                awaitWaitingWriter();
                assertThat(started).as("a registration while another writer is in the gate").isNotDone();
                assertThat(store.registryVersion()).isZero();
                return started;
            });
            assertThat(registration.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).registryVersion()).isEqualTo(1);
            assertThat(store.history("gated-port")).extracting(StoredContract::status)
                    .containsExactly(RegistrationStatus.ACTIVE);
        }
    }

    @Test
    void onPostgresqlWritersDoNotWaitForEachOther() throws Exception {
        DSLContext postgres = DSL.using(SQLDialect.POSTGRES);
        String inner = H2WriteGate.write(postgres, () -> CompletableFuture
                .supplyAsync(() -> H2WriteGate.write(postgres, () -> "ran"))
                .orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .join());
        assertThat(inner).isEqualTo("ran");
    }

    private static void awaitWaitingWriter() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!H2WriteGate.hasWaitingWriters()) {
            assertThat(System.nanoTime()).as("a writer waiting at the gate").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
