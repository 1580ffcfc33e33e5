package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port reader's streaming seam, against a real DuckDB port on loopback: a read hands the port's Arrow batches
 * to a consumer as they arrive, undecoded (what a Flight SQL front door forwards), and collecting them for a
 * GraphQL answer is just one such consumer; a stream whose columns drift from the plan is refused before the
 * consumer sees anything; every allocator closes clean.
 */
class PortReaderStreamTest {

    private static final int ROWS = 10_000;
    private static final BufferAllocator ALLOCATOR = new RootAllocator();
    private static final FlightPortClients CLIENTS = new FlightPortClients(ALLOCATOR, TestPortCredentials.channels(),
            Duration.ofSeconds(30), Duration.ofSeconds(10));
    private static final PortQuery ALL = new PortQuery("select \"id\" from \"numbers\" order by \"id\"", List.of());
    private static final List<Field> ID = List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)),
            null));

    private static TestPort port;
    private static FlightPortClient client;

    @BeforeAll
    static void start() throws Exception {
        port = TestPortCredentials.startPort("""
                apiVersion: v3.1.0
                kind: DataContract
                id: numbers-port
                version: 1.0.0
                status: active
                domain: numbers
                dataProduct: numbers
                servers:
                  - server: numbers
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: ${url}
                schema:
                  - name: numbers
                    properties:
                      - name: id
                        logicalType: integer
                        required: true
                        primaryKey: true
                """, "create table numbers (id bigint not null primary key)",
                "insert into numbers select range from range(" + ROWS + ")");
        String url = ContractParser.parse(port.contract()).flightServer().orElseThrow().flightSqlUrl().orElseThrow();
        client = CLIENTS.forPort("numbers", url);
    }

    @AfterAll
    static void stop() throws Exception {
        CLIENTS.close();
        assertThat(ALLOCATOR.getAllocatedMemory()).isZero();
        ALLOCATOR.close();
        port.close();
    }

    @Test
    void batchesReachTheConsumerUndecodedAsTheyArrive() {
        RecordingConsumer consumer = new RecordingConsumer();

        List<Long> ids = client.stream("numbers-port", ALL, ID, () -> consumer);

        assertThat(consumer.schema.getFields()).extracting(Field::getType).containsExactly(new ArrowType.Int(64, true));
        assertThat(consumer.batches.get()).as("batches, not one decoded result").isGreaterThanOrEqualTo(1);
        assertThat(ids).hasSize(ROWS).startsWith(0L, 1L, 2L).endsWith((long) ROWS - 1);
        assertThat(client.allocator().getAllocatedMemory()).as("each batch released after the consumer saw it")
                .isZero();
    }

    @Test
    void collectingForGraphQlIsOneConsumerAmongOthers() {
        ColumnarResult collected = client.read("numbers-port", ALL, ID, ROWS, ColumnMasks.NONE);
        List<Long> streamed = client.stream("numbers-port", ALL, ID, RecordingConsumer::new);

        assertThat(collected.rowCount()).isEqualTo(ROWS);
        List<Object> collectedIds = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            collectedIds.add(collected.value(0, row));
        }
        assertThat(collectedIds).isEqualTo(new ArrayList<Object>(streamed));
    }

    @Test
    void aStreamWhoseColumnsDriftFromThePlanIsRefusedBeforeTheConsumerSeesIt() {
        RecordingConsumer consumer = new RecordingConsumer();
        List<Field> promised = List.of(new Field("id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));

        assertThatThrownBy(() -> client.stream("numbers-port", ALL, promised, () -> consumer))
                .isInstanceOfSatisfying(PortFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PORT_SCHEMA_DRIFT));
        assertThat(consumer.schema).isNull();
        assertThat(consumer.batches.get()).isZero();
    }

    /** Reads the ids of each batch straight off its vector, counting batches. */
    private static final class RecordingConsumer implements BatchConsumer<List<Long>> {

        private final List<Long> ids = new ArrayList<>();
        private final AtomicInteger batches = new AtomicInteger();
        private Schema schema;

        @Override
        public void start(Schema schema, BufferAllocator allocator) {
            this.schema = schema;
        }

        @Override
        public void accept(VectorSchemaRoot batch) {
            batches.incrementAndGet();
            BigIntVector vector = (BigIntVector) batch.getVector(0);
            for (int row = 0; row < batch.getRowCount(); row++) {
                ids.add(vector.get(row));
            }
        }

        @Override
        public List<Long> finish() {
            return ids;
        }
    }
}
