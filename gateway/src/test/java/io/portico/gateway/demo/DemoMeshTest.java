package io.portico.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.FlightPortClients;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class DemoMeshTest {

    @Test
    void startsThreePortsWhoseContractsPointAtThemAndClosesClean() {
        BufferAllocator allocator = new RootAllocator();
        try (FlightPortClients clients = new FlightPortClients(allocator, Duration.ofSeconds(10), Duration.ofSeconds(10));
             DemoMesh mesh = DemoMesh.start(allocator, 42, 0.001)) {
            assertThat(mesh.contracts()).extracting(OutputPortContract::domain)
                    .containsExactly("sales", "crm", "logistics");
            for (DemoMesh.DemoPort port : mesh.ports()) {
                String url = port.contract().flightServer().flatMap(ServerContract::flightSqlUrl).orElseThrow();
                assertThat(url).isEqualTo(port.location()).startsWith("grpc+tcp://127.0.0.1:");
                assertThat(clients.forLocation(url).fetchSchemas(port.contract().id()))
                        .containsKey(port.domain().table());
            }
            long orders = ((Number) clients.forLocation(mesh.port(DemoDomain.SALES).location())
                    .execute("sales-orders-port", new PortQuery("SELECT count(*) FROM orders", List.of()), null, 1)
                    .value(0, 0)).longValue();
            assertThat(orders).isEqualTo(DemoDomain.orders(0.001));
        }
        assertThat(allocator.getChildAllocators()).isEmpty();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }
}
