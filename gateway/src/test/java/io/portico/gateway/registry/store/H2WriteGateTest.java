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
 * The {@link H2WriteGate}: on an embedded H2 database a registration does not begin while another writing
 * transaction of the JVM is in that database's gate (so H2 never saves the file while another transaction commits;
 * RegistryCrashTest is the crash itself). Other databases are not held up; GatewayReplicasH2ServerTest races two
 * replicas on an H2 server, which this does not gate.
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
                awaitWaitingWriter(dsl);
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
    void writersOfTwoH2DatabasesDoNotWaitForEachOther() throws Exception {
        try (TestRegistryDatabase one = TestRegistryDatabase.h2InMemory().migrate();
             TestRegistryDatabase two = TestRegistryDatabase.h2InMemory().migrate()) {
            RegistryStore other = two.store();
            String document = labDocument("ungated-port", "lab", "1.0.0");
            StoredContract stored = H2WriteGate.write(one.dsl(), () -> CompletableFuture
                    .supplyAsync(() -> other.register(parse(document), document, "test"))
                    .orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                    .join());
            assertThat(stored.registryVersion()).isEqualTo(1);
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

    private static void awaitWaitingWriter(DSLContext dsl) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!H2WriteGate.hasWaitingWriters(dsl)) {
            assertThat(System.nanoTime()).as("a writer waiting at the gate").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
