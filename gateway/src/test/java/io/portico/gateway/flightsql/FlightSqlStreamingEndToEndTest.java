package io.portico.gateway.flightsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.time.Duration;
import java.util.Map;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;

/**
 * Large answers through the gateway's Flight SQL endpoint: streamed with backpressure end to end, so a slow client
 * holds the gateway to a few batches (its port reads run under a bounded allocator, {@link DemoGatewayTest#MAX_ARROW_MEMORY},
 * several times smaller than the answer), and a client that cancels ends the read at the port.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlStreamingEndToEndTest {

    /** About 500 MB of Arrow: a bigint and a 56-character text per row. */
    private static final long ROWS = 6_000_000;

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: bulk-events-port
            version: 1.0.0
            status: active
            domain: bulk
            dataProduct: events
            servers:
              - server: bulk-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: events
                physicalName: events
                properties:
                  - name: event_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: payload
                    logicalType: string
                    physicalType: VARCHAR
                    required: true
            """;

    @LocalServerPort
    int httpPort;

    @Autowired
    FlightSqlEndpoint endpoint;

    @Autowired
    PortRegistry registry;

    @Autowired
    BufferAllocator rootAllocator;

    private TestPort port;
    private String token;

    @BeforeAll
    void registerABulkPort() throws Exception {
        port = TestPortCredentials.testPort().contract(CONTRACT)
                .generatedRows("events", "event_id BIGINT PRIMARY KEY, payload VARCHAR NOT NULL",
                        "i, 'event-' || lpad(CAST(i AS VARCHAR), 12, '0') || '-abcdefghijklmnopqrstuvwxyz0123456789'",
                        ROWS)
                .start();
        assertThat(registry.register(ContractParser.parse(port.contract())).up()).isTrue();
        token = new GraphQlClient(httpPort).demoToken("stella", "steward", Map.of());
    }

    @AfterAll
    void retireIt() throws Exception {
        registry.retire("bulk-events-port");
        port.close();
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aSlowClientHoldsTheGatewayToAFewBatchesAndStillGetsEveryRow() throws Exception {
        long bound = DataSize.parse(DemoGatewayTest.MAX_ARROW_MEMORY).toBytes();
        try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), token)) {
            FlightInfo info = client.sql().execute("SELECT event_id, payload FROM bulk.events", client.options());
            long rows = 0;
            long idSum = 0;
            long bytes = 0;
            long mostHeld = 0;
            boolean portFinishedEarly = false;
            java.time.Instant started = java.time.Instant.now();
            try (FlightStream stream = client.sql().getStream(info.getEndpoints().getFirst().getTicket(),
                    client.options())) {
                int batch = 0;
                while (stream.next()) {
                    BigIntVector ids = (BigIntVector) stream.getRoot().getVector(0);
                    for (int row = 0; row < ids.getValueCount(); row++) {
                        idSum += ids.get(row);
                    }
                    rows += stream.getRoot().getRowCount();
                    bytes += stream.getRoot().getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
                    if (batch++ < 8) {
                        Thread.sleep(500); // a slow client at first: the port must wait for it, not the gateway
                        mostHeld = Math.max(mostHeld, rootAllocator.getAllocatedMemory());
                        portFinishedEarly |= port.statementLog().lastMatching(
                                entry -> entry.sql().contains("\"bulk\"") || entry.sql().contains("events"))
                                .filter(entry -> entry.startedAt().isAfter(started)).isPresent();
                    }
                }
            }

            assertThat(portFinishedEarly).as("the port finished its stream while the client was still slow: the"
                    + " gateway read ahead of its client").isFalse();
            assertThat(rows).isEqualTo(ROWS);
            assertThat(idSum).isEqualTo(ROWS * (ROWS - 1) / 2);
            assertThat(bytes).as("the answer is several times the gateway's bound").isGreaterThan(3 * bound);
            assertThat(mostHeld).as("Arrow memory the gateway held while the client was slow")
                    .isLessThan(bound / 2);
            assertThat(rootAllocator.getPeakMemoryAllocation()).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aClientThatCancelsEndsTheReadAtThePort() throws Exception {
        try (GatewaySqlClient client = new GatewaySqlClient(endpoint.port(), token)) {
            FlightInfo info = client.sql().execute("SELECT event_id, payload FROM bulk.events WHERE event_id >= 0",
                    client.options());
            try (FlightStream stream = client.sql().getStream(info.getEndpoints().getFirst().getTicket(),
                    client.options())) {
                assertThat(stream.next()).isTrue();
                stream.cancel("enough", null);
            }
        }
        StatementLog.Entry entry = Poll.value("the port's log of the cancelled statement", Duration.ofSeconds(20),
                () -> port.statementLog().lastMatching(candidate -> candidate.sql().contains(">= 0")).orElse(null),
                java.util.Objects::nonNull);
        assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.CANCELLED);
        assertThat(entry.rowsSent()).isLessThan(ROWS);
    }
}
