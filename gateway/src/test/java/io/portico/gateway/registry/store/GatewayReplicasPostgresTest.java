package io.portico.gateway.registry.store;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateway replicas on one PostgreSQL database, as replicas are deployed: a schema of its own on the server
 * {@code PORTICO_TEST_POSTGRES_URL} names (skipped without it, failing in CI without it).
 */
@ExtendWith(TestRegistryDatabase.PostgresAvailable.class)
class GatewayReplicasPostgresTest extends GatewayReplicasContractTest {

    @Override
    TestRegistryDatabase openDatabase() {
        return TestRegistryDatabase.postgres();
    }
}
