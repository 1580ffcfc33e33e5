package io.portico.gateway.registry.store;

import org.h2.tools.Server;

/** Two gateway replicas on one H2 database in server mode (TCP on a free port of loopback). */
class GatewayReplicasH2ServerTest extends GatewayReplicasContractTest {

    private Server server;

    @Override
    TestRegistryDatabase openDatabase() throws Exception {
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        return TestRegistryDatabase.h2("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:replicas;DB_CLOSE_DELAY=-1");
    }

    @Override
    void closeServer() {
        server.stop();
    }
}
