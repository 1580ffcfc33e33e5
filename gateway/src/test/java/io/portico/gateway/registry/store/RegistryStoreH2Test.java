package io.portico.gateway.registry.store;

/** The registry store on H2, the default registry database. */
class RegistryStoreH2Test extends RegistryStoreContractTest {

    @Override
    TestRegistryDatabase newDatabase() {
        return TestRegistryDatabase.h2InMemory();
    }
}
