package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.contract.OutputPortContract;
import java.nio.ByteBuffer;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each demo domain served by a real port: the live Arrow schema clients see is exactly what the contract promises
 * (names, types, nullability), and a {@code SELECT *} streams with the types it announced.
 */
class DemoContractSchemaTest {

    @ParameterizedTest
    @EnumSource(DemoDomain.class)
    void servesTheSchemaItsContractPromises(DemoDomain domain) throws Exception {
        OutputPortContract contract = ContractBuilder.demo(domain);
        try (RootAllocator allocator = new RootAllocator();
             DuckDBConnection database = DemoDatabases.inMemory(domain, DemoDatabases.DEFAULT_SEED, 0.01);
             FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(database), TestCredentials.accepted()), allocator);
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, port.location()))) {
            Schema live;
            FlightInfo tables = client.getTables(null, null, domain.table(), null, true);
            try (FlightStream stream = client.getStream(tables.getEndpoints().getFirst().getTicket())) {
                assertThat(stream.next()).isTrue();
                assertThat(stream.getRoot().getRowCount()).isEqualTo(1);
                VarBinaryVector schemas = (VarBinaryVector) stream.getRoot().getVector("table_schema");
                live = Schema.deserializeMessage(ByteBuffer.wrap(schemas.get(0)));
            }
            assertThat(live).isEqualTo(OutputPortConformanceTest.expectedSchema(contract));

            FlightInfo all = client.execute("SELECT * FROM " + domain.table());
            try (FlightStream stream = client.getStream(all.getEndpoints().getFirst().getTicket())) {
                long rows = 0;
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
                assertThat(OutputPortConformanceTest.withoutNullability(stream.getSchema()))
                        .isEqualTo(OutputPortConformanceTest.withoutNullability(live));
                assertThat(rows).isPositive();
            }
        }
    }
}
