package io.portico.gateway.registry.store;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry store on PostgreSQL, the registry of replicated gateways: each test in a schema of its own on the
 * server {@code PORTICO_TEST_POSTGRES_URL} names (skipped without it, failing in CI without it).
 */
@ExtendWith(TestRegistryDatabase.PostgresAvailable.class)
class RegistryStorePostgresTest extends RegistryStoreContractTest {

    @Override
    TestRegistryDatabase newDatabase() {
        return TestRegistryDatabase.postgres();
    }
}
