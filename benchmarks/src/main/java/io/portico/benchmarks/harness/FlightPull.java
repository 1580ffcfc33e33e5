package io.portico.benchmarks.harness;

import io.portico.gateway.port.FlightReadPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Pulls the whole result of one SQL statement from a Flight SQL port with Arrow's {@link FlightSqlClient}, the way
 * a data scientist's client would, and measures rows and Arrow buffer bytes received per second.
 */
final class FlightPull implements AutoCloseable {

    /**
     * What one statement measured.
     *
     * @param sql     the statement
     * @param rows    rows per pull
     * @param bytes   Arrow buffer bytes per pull (the vectors' buffer sizes, close to what crossed the wire)
     * @param latency every measured pull, from {@code execute} to the last batch
     */
    record Result(String sql, long rows, long bytes, LatencySummary latency) {

        double rowsPerSecondAtMedian() {
            return rows / (latency.percentileMillis(50) / 1000.0);
        }

        double megabytesPerSecondAtMedian() {
            return bytes / 1e6 / (latency.percentileMillis(50) / 1000.0);
        }
    }

    private record Totals(long rows, long bytes) {
    }

    private final BufferAllocator clientAllocator;
    private final FlightSqlClient client;
    private final CallOption[] callOptions;

    /**
     * Connects once; every pull reuses the connection, as a client pulling repeatedly would.
     *
     * @param allocator the harness's allocator; the client takes a named child of it, closed by {@link #close()}
     * @param location  the port, e.g. {@code grpc+tcp://127.0.0.1:40123}
     * @param token     bearer token the port requires, if any
     */
    static {
        FlightReadPath.useCopyingReads();
    }

    FlightPull(BufferAllocator allocator, String location, Optional<String> token) {
        List<CallOption> options = new ArrayList<>();
        token.ifPresent(value -> options.add(new CredentialCallOption(new BearerCredentialWriter(value))));
        this.callOptions = options.toArray(CallOption[]::new);
        this.clientAllocator = allocator.newChildAllocator("flight-pull", 0, Long.MAX_VALUE);
        this.client = new FlightSqlClient(FlightClient.builder(clientAllocator, new Location(URI.create(location))).build());
    }

    Result run(String sql, int warmups, int iterations) throws Exception {
        Totals totals = pull(sql);
        for (int warmup = 1; warmup < warmups; warmup++) {
            pull(sql);
        }
        long[] nanos = new long[iterations];
        for (int iteration = 0; iteration < iterations; iteration++) {
            long start = System.nanoTime();
            totals = pull(sql);
            nanos[iteration] = System.nanoTime() - start;
        }
        return new Result(sql, totals.rows(), totals.bytes(), new LatencySummary(nanos));
    }

    /**
     * One pull of {@code sql}, timed from {@code execute} to the last batch.
     *
     * @param rows  rows received
     * @param bytes Arrow buffer bytes received
     * @param nanos how long it took
     */
    record Timed(long rows, long bytes, long nanos) {
    }

    /** Pulls {@code sql} once, for a harness that interleaves pulls of several sources. */
    Timed pullOnce(String sql) throws Exception {
        long start = System.nanoTime();
        Totals totals = pull(sql);
        return new Timed(totals.rows(), totals.bytes(), System.nanoTime() - start);
    }

    private Totals pull(String sql) throws Exception {
        long rows = 0;
        long bytes = 0;
        FlightInfo info = client.execute(sql, callOptions);
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = client.getStream(endpoint.getTicket(), callOptions)) {
                while (stream.next()) {
                    VectorSchemaRoot batch = stream.getRoot();
                    rows += batch.getRowCount();
                    for (FieldVector vector : batch.getFieldVectors()) {
                        bytes += vector.getBufferSize();
                    }
                }
            }
        }
        return new Totals(rows, bytes);
    }

    /** Closes the connection and its allocator; fails if a batch leaked. */
    @Override
    public void close() throws Exception {
        try {
            client.close();
        } finally {
            clientAllocator.close();
        }
    }
}
