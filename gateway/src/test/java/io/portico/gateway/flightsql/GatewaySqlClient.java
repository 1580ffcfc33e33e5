package io.portico.gateway.flightsql;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow's own {@link FlightSqlClient} against the gateway's Flight SQL endpoint, with a bearer token on every
 * call (a client middleware, as the JDBC driver does: Arrow's prepared statements send their parameters without the
 * call options given to {@code execute}), reading whole answers into rows of Java values
 * ({@code FieldVector#getObject}). Its allocator must hold no memory when it closes.
 */
public final class GatewaySqlClient implements AutoCloseable {

    /** A whole answer: its schema and rows. */
    public record Answer(Schema schema, List<List<Object>> rows) {

        List<Object> column(String name) {
            int index = schema.getFields().indexOf(schema.findField(name));
            return rows.stream().map(row -> row.get(index)).toList();
        }
    }

    private final BufferAllocator allocator = new RootAllocator();
    private final FlightClient flight;
    private final FlightSqlClient sql;
    private final CallOption[] options;

    public GatewaySqlClient(int port, String token) {
        this(port, token, java.util.Map.of());
    }

    /** @param headers sent with every call besides the token, e.g. a W3C {@code traceparent} */
    public GatewaySqlClient(int port, String token, java.util.Map<String, String> headers) {
        FlightClient.Builder builder = FlightClient.builder(allocator, Location.forGrpcInsecure("localhost", port));
        if (token != null || !headers.isEmpty()) {
            builder.intercept(info -> new FlightClientMiddleware() {
                @Override
                public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
                    if (token != null) {
                        outgoingHeaders.insert("authorization", "Bearer " + token);
                    }
                    headers.forEach(outgoingHeaders::insert);
                }

                @Override
                public void onHeadersReceived(CallHeaders incomingHeaders) {
                }

                @Override
                public void onCallCompleted(CallStatus status) {
                }
            });
        }
        flight = builder.build();
        sql = new FlightSqlClient(flight);
        options = new CallOption[0];
    }

    FlightSqlClient sql() {
        return sql;
    }

    CallOption[] options() {
        return options.clone();
    }

    public Answer query(String statement) {
        return read(sql.execute(statement, options));
    }

    Answer read(FlightInfo info) {
        List<List<Object>> rows = new ArrayList<>();
        Schema schema = info.getSchema();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket(), options)) {
                schema = stream.getSchema();
                while (stream.next()) {
                    VectorSchemaRoot root = stream.getRoot();
                    for (int row = 0; row < root.getRowCount(); row++) {
                        List<Object> values = new ArrayList<>();
                        for (FieldVector vector : root.getFieldVectors()) {
                            Object value = vector.getObject(row);
                            values.add(value instanceof org.apache.arrow.vector.util.Text text ? text.toString()
                                    : value);
                        }
                        rows.add(values);
                    }
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
        return new Answer(schema, rows);
    }

    @Override
    public void close() throws Exception {
        sql.close();
        allocator.close();
    }
}
