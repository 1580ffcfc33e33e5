package io.portico.benchmarks.scale;

import io.portico.flight.FlightPort;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.port.PortCredentials;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The real Flight SQL output port(s) of the benchmark, in this JVM (not the gateway's): the test kit's
 * {@link TestPort}s (flight-server's {@link FlightPort}) over an in-memory DuckDB holding one table of
 * {@link GeneratedColumn#ALL twenty columns} per generated product, {@code rows} rows each. An endpoint belongs to one
 * domain, so a port serves the tables of one domain's products and accepts that domain's port credential (the
 * gateway's, fetched by the harness): by default one port per domain serves all of that domain's tables (a realistic
 * port serves many tables; each product's contract publishes one of them); with {@code tablesPerPort} a domain's tables
 * are spread over several ports, each with its own database, in product order.
 */
final class ScalePort implements AutoCloseable {

    private static final String COLUMNS = GeneratedColumn.ALL.stream().map(GeneratedColumn::definition)
            .collect(Collectors.joining(", "));
    private static final String VALUES = GeneratedColumn.ALL.stream().map(GeneratedColumn::valueSql)
            .collect(Collectors.joining(", "));

    private final List<TestPort> ports;
    private final Map<Integer, TestPort> portOfProduct;
    private final Map<String, String> credentials;
    private final int tablesPerPort;

    private ScalePort(List<TestPort> ports, Map<Integer, TestPort> portOfProduct, Map<String, String> credentials,
            int tablesPerPort) {
        this.ports = ports;
        this.portOfProduct = portOfProduct;
        this.credentials = credentials;
        this.tablesPerPort = tablesPerPort;
    }

    /**
     * Creates and fills the tables, then starts the port(s) on free loopback TCP ports.
     *
     * @param tablesPerPort tables a port serves at most; {@link Integer#MAX_VALUE} for one port per domain
     * @param credentials   the port credential of each domain, as the gateway presents it
     */
    static ScalePort start(List<GeneratedProduct> products, int rows, int tablesPerPort,
            Map<String, String> credentials) throws SQLException {
        List<TestPort> ports = new ArrayList<>();
        Map<Integer, TestPort> portOfProduct = new HashMap<>();
        int mostServed = 0;
        Map<String, List<GeneratedProduct>> byDomain = products.stream()
                .collect(Collectors.groupingBy(GeneratedProduct::domain, LinkedHashMap::new, Collectors.toList()));
        try {
            for (Map.Entry<String, List<GeneratedProduct>> domain : byDomain.entrySet()) {
                List<GeneratedProduct> ofDomain = domain.getValue();
                for (int from = 0; from < ofDomain.size(); from += tablesPerPort) {
                    List<GeneratedProduct> served = ofDomain.subList(from,
                            (int) Math.min(ofDomain.size(), (long) from + tablesPerPort));
                    String portId = "scale-benchmark-port-" + (ports.size() + 1);
                    TestPort.Builder builder = TestPort.builder();
                    served.forEach(product -> builder.generatedRows(product.table(), COLUMNS, VALUES, rows));
                    TestPort port = builder.prepare(DemoDatabases::disableExternalAccess)
                            .contract(ContractDocuments.portContract(portId, domain.getKey(), served))
                            .accepting(credentials.get(domain.getKey()))
                            .start();
                    ports.add(port);
                    served.forEach(product -> portOfProduct.put(product.index(), port));
                    mostServed = Math.max(mostServed, served.size());
                }
            }
            return new ScalePort(ports, portOfProduct, Map.copyOf(credentials), mostServed);
        } catch (SQLException | RuntimeException e) {
            closeAll(ports);
            throw e;
        }
    }

    int portCount() {
        return ports.size();
    }

    int tablesPerPort() {
        return tablesPerPort;
    }

    /** Where the gateway reaches the port serving {@code product}'s table, e.g. {@code grpc+tcp://127.0.0.1:40123}. */
    String location(GeneratedProduct product) {
        return portOfProduct.get(product.index()).url();
    }

    /**
     * How long the first port takes to list its tables with their Arrow schemas, asked the way the gateway asks
     * before every registration (its {@link FlightPortClient#fetchSchemas}: Flight SQL GetTables with schemas, no
     * filter). The gateway does it twice per registration: to validate the contract and to serve it.
     *
     * @return nanoseconds of each of three listings, one after the other
     */
    long[] timeCatalogListing() {
        FlightPort first = ports.getFirst().flightPort();
        URI location = first.location().getUri();
        String domain = first.contract().domain();
        Duration timeout = Duration.ofMinutes(10);
        long[] nanos = new long[3];
        byte[] unusedKey = new byte[PortCredentials.MINIMUM_KEY_BYTES];
        PortChannels channels = new PortChannels(new PortCredentials(unusedKey, 1, credentials), null);
        try (BufferAllocator allocator = new RootAllocator();
             FlightPortClient client = new FlightPortClient(location, domain, channels, allocator, timeout,
                     PortCallGuard.timeoutOnly(timeout))) {
            for (int run = 0; run < nanos.length; run++) {
                long start = System.nanoTime();
                Map<String, Schema> tables = client.fetchSchemas("scale-benchmark-port-1");
                nanos[run] = System.nanoTime() - start;
                if (tables.size() != first.publishedTables().size()) {
                    throw new IllegalStateException("the port listed " + tables.size() + " tables, expected "
                            + first.publishedTables().size());
                }
            }
        }
        return nanos;
    }

    /**
     * Stops the ports. A port whose catalog listing the gateway gave up on may still be producing it; the Arrow
     * memory it holds then is reported as one line, not thrown: the figures are printed already.
     */
    @Override
    public void close() {
        try {
            closeAll(ports);
        } catch (IllegalStateException leak) {
            String message = String.valueOf(leak.getMessage());
            System.err.println("closing the benchmark port(s): " + message.lines().findFirst().orElse(message));
        }
    }

    private static void closeAll(List<TestPort> ports) {
        RuntimeException failure = null;
        for (TestPort port : ports) {
            try {
                port.close();
            } catch (SQLException e) {
                failure = failure == null ? new IllegalStateException(e) : failure;
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
