package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.nio.ByteBuffer;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/** On DuckDB a table's live schema keeps nested columns nested: lists are lists, structs are structs. */
class NestedLiveSchemaTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: lab-gadgets-port
            version: 1.0.0
            status: active
            domain: lab
            dataProduct: gadgets
            schema:
              - name: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    required: true
                  - name: tags
                    logicalType: array
                  - name: dims
                    logicalType: object
            """;

    @Test
    void reportsListsAndStructsAsTheyStream() throws Exception {
        OutputPortContract contract = ContractParser.parse(CONTRACT);
        try (RootAllocator allocator = new RootAllocator();
             DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = database.createStatement()) {
                statement.execute("CREATE TABLE gadgets (gadget_id BIGINT NOT NULL, tags VARCHAR[],"
                        + " dims STRUCT(width_cm DOUBLE, height_cm DOUBLE))");
                statement.execute("INSERT INTO gadgets VALUES (1, ['red', 'small'], {'width_cm': 2.5, 'height_cm': 4.0})");
            }
            try (FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(database), TestCredentials.accepted()), allocator);
                 FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, port.location()))) {
                Schema live;
                try (FlightStream stream = client.getStream(client.getTables(null, null, "gadgets", null, true)
                        .getEndpoints().getFirst().getTicket())) {
                    assertThat(stream.next()).isTrue();
                    live = Schema.deserializeMessage(ByteBuffer.wrap(
                            ((VarBinaryVector) stream.getRoot().getVector("table_schema")).get(0)));
                }
                assertThat(live.getFields()).extracting(Field::getName).containsExactly("gadget_id", "tags", "dims");
                assertThat(live.findField("gadget_id").isNullable()).isFalse();
                Field tags = live.findField("tags");
                assertThat(tags.getType()).isInstanceOf(ArrowType.List.class);
                assertThat(tags.getChildren().getFirst().getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                Field dims = live.findField("dims");
                assertThat(dims.getType()).isInstanceOf(ArrowType.Struct.class);
                assertThat(dims.getChildren()).extracting(Field::getName).containsExactly("width_cm", "height_cm");
                assertThat(dims.getChildren()).extracting(Field::getType).containsOnly(
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

                try (FlightSqlClient.PreparedStatement prepared = client.prepare("SELECT * FROM gadgets")) {
                    assertThat(OutputPortConformanceTest.withoutNullability(prepared.getResultSetSchema()))
                            .isEqualTo(OutputPortConformanceTest.withoutNullability(live));
                }
                try (FlightStream stream = client.getStream(client.execute("SELECT * FROM gadgets")
                        .getEndpoints().getFirst().getTicket())) {
                    assertThat(stream.next()).isTrue();
                    assertThat(OutputPortConformanceTest.withoutNullability(stream.getSchema()).getFields())
                            .extracting(Field::getType)
                            .isEqualTo(List.of(new ArrowType.Int(64, true), tags.getType(), dims.getType()));
                }
            }
        }
    }
}
