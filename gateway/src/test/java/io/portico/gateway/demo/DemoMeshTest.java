package io.portico.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class DemoMeshTest {

    @Test
    void startsThreePortsWhoseContractsPointAtThemAndClosesClean() {
        BufferAllocator allocator = new RootAllocator();
        try (FlightPortClients clients = new FlightPortClients(allocator, TestPortCredentials.channels(),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
             DemoMesh mesh = DemoMesh.start(allocator, 42, 0.001, TestPortCredentials.gateway())) {
            assertThat(mesh.contracts()).extracting(OutputPortContract::domain)
                    .containsExactly("sales", "crm", "logistics");
            for (DemoMesh.DemoPort port : mesh.ports()) {
                String url = port.contract().flightServer().flatMap(ServerContract::flightSqlUrl).orElseThrow();
                assertThat(url).isEqualTo(port.location()).startsWith("grpc+tcp://127.0.0.1:");
                assertThat(clients.forPort(port.domain().domain(), url).fetchSchemas(port.contract().id()))
                        .containsKey(port.domain().table());
            }
            long orders = ((Number) clients.forPort("sales", mesh.port(DemoDomain.SALES).location())
                    .execute("sales-orders-port", new PortQuery("SELECT count(*) FROM orders", List.of()), null, 1)
                    .value(0, 0)).longValue();
            assertThat(orders).isEqualTo(DemoDomain.orders(0.001));
            assertThatThrownBy(() -> clients.forPort("crm", mesh.port(DemoDomain.SALES).location())
                    .fetchSchemas("sales-orders-port"))
                    .as("a demo port accepts its own domain's credential only")
                    .isInstanceOfSatisfying(PorticoException.class,
                            failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PORT_ERROR))
                    .hasMessageContaining("UNAUTHENTICATED");
        }
        assertThat(allocator.getChildAllocators()).isEmpty();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }
}
