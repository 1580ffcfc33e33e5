package io.portico.benchmarks.scale;

import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.AstPrinter;
import graphql.language.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The registry at scale: registers many generated output ports with a running gateway over HTTP and prints what
 * that costs.
 *
 * <p>It starts one real Flight SQL output port in this JVM ({@link ScalePort}: N tables of 20 columns in an in-memory
 * DuckDB; or several, {@code --tables-per-port}), times how long the port takes to list its tables with their
 * schemas (what the gateway asks of a port twice per registration), then publishes N generated ODCS contracts ({@link ContractDocuments}: one dataset of 20 fields each, with
 * descriptions, tags and classifications; 20 products a domain) with {@code POST /api/ports}, each with a demo token
 * of its domain. The gateway validates every contract against the live port, stores it, and rebuilds its schema.
 *
 * <ol>
 *   <li>the first N-1 contracts with C concurrent clients: total time, registrations/s, ack latency p50/p99, and
 *       the same per tenth of the run (how the cost grows with the registry);</li>
 *   <li>the last contract alone, at size N-1: its ack latency, the gateway's build time of the schema that serves
 *       it (from the gateway log: the {@code SchemaReloader}'s "built in X ms" of the {@code schemaVersion} the
 *       answer names), and the time from the acknowledgement until a GraphQL query of its dataset answers (polled
 *       back to back);</li>
 *   <li>the last contract republished K times with a patch version (default 5), one at a time: more samples of
 *       the ack latency and the schema build time at that size;</li>
 *   <li>the gateway's heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}), once its schema version
 *       has not changed for 3 s, and its RSS, before and after;</li>
 *   <li>a 10-row query of the last dataset (6 columns) at that size: warm-up, then measured one at a time, p50/p99;</li>
 *   <li>the schema's size, read back by introspection: types, fields, SDL characters; and that every registration
 *       is in it and in {@code GET /api/ports}.</li>
 * </ol>
 *
 * Run it with {@code ./portico bench scale [N] [C]}, which starts a demo gateway with a fresh registry and passes
 * its log and pid; see {@link ScaleOptions#USAGE}. It is not a test: the figures go to {@code docs/performance.md}.
 */
public final class RegistryScaleHarness {

    private static final String ZERO_COPY_READ = "arrow.flight.enable_zero_copy_read";
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";
    private static final int SMALL_QUERY_ROWS = 10;
    /** Refused registrations after which the burst stops: something is wrong, and each may take seconds. */
    private static final int MAX_REFUSED = 10;

    private RegistryScaleHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        // Before any Arrow or logging class loads: Arrow 18.3's zero-copy read path does not fit the gRPC in use,
        // and the port logs like flight-server's own launcher does (INFO, no Netty debug).
        if (System.getProperty(ZERO_COPY_READ) == null) {
            System.setProperty(ZERO_COPY_READ, "false");
        }
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "io/portico/flight/flight-port-logback.xml");
        }
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(arguments);
        } catch (IllegalArgumentException badOptions) {
            System.err.println(badOptions.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(ScaleOptions options) throws Exception {
        GatewayClient gateway = new GatewayClient(options.gateway());
        System.out.printf("Waiting for the gateway at %s ...%n", gateway.base());
        long initialSchemaVersion = gateway.awaitReady(options.waitForGateway());
        Optional<GatewayProcess> process = options.gatewayPid().isPresent()
                ? Optional.of(new GatewayProcess(options.gatewayPid().getAsLong())) : Optional.empty();
        Optional<SchemaBuildLog> buildLog = options.gatewayLog().map(SchemaBuildLog::new);

        List<GeneratedProduct> products = GeneratedProduct.generate(options.ports(), options.productsPerDomain());
        Map<String, String> tokens = tokens(gateway, products, options);
        Map<String, String> credentials = new LinkedHashMap<>();
        for (Map.Entry<String, String> domain : tokens.entrySet()) {
            credentials.put(domain.getKey(), gateway.portCredential(domain.getKey(), domain.getValue()));
        }
        long portStart = System.nanoTime();
        try (ScalePort port = ScalePort.start(products, options.rows(), options.tablesPerPortOrAll(), credentials)) {
            double portSeconds = (System.nanoTime() - portStart) / 1e9;
            System.out.printf("%d port(s) serving %,d tables x %d columns (%d rows each; %,d tables a port), ready in"
                    + " %.1f s%n", port.portCount(), products.size(), GeneratedColumn.ALL.size(), options.rows(),
                    port.tablesPerPort(), portSeconds);
            Latencies catalog = new Latencies(port.timeCatalogListing());
            System.out.printf(Locale.ROOT, "Listing every table of a port with its schema (a registration asks for"
                    + " its own tables only), 3 runs: %.0f ms median, %.0f ms max%n", catalog.percentileMillis(50),
                    catalog.maxMillis());
            List<String> documents = products.stream()
                    .map(product -> ContractDocuments.render(product, port.location(product)))
                    .toList();

            Optional<GatewayProcess.Heap> heapBefore = process.flatMap(GatewayProcess::heapAfterFullGc);
            OptionalLong rssBefore = process.map(GatewayProcess::residentKib).orElse(OptionalLong.empty());
            List<SchemaBuildLog.Build> buildsBefore = buildLog.isPresent() ? buildLog.get().builds() : List.of();
            int basePorts = buildsBefore.isEmpty() ? 0 : buildsBefore.getLast().ports();

            if (options.recording().isPresent()) {
                boolean started = process.orElseThrow().startRecording(options.recording().get());
                System.out.printf("Flight recording of the gateway to %s: %s%n", options.recording().get(),
                        started ? "started" : "FAILED to start (jcmd)");
            }
            Burst burst = registerConcurrently(gateway, products.subList(0, products.size() - 1),
                    documents, tokens, options.concurrency());
            Solo solo = registerAlone(gateway, products.getLast(), documents.getLast(),
                    tokens.get(products.getLast().domain()));
            List<Republication> republications = solo.status() == 201
                    ? republish(gateway, products.getLast(), port.location(products.getLast()),
                            tokens.get(products.getLast().domain()), options.republications(), buildLog)
                    : List.of();
            if (options.recording().isPresent()) {
                process.orElseThrow().stopRecording();
            }
            Optional<SchemaBuildLog.Build> soloBuild = buildLog.isPresent() && solo.schemaVersion() >= 0
                    ? buildLog.get().build(solo.schemaVersion()) : Optional.empty();
            List<SchemaBuildLog.Build> builds = buildLog.isPresent()
                    ? buildLog.get().builds().stream().skip(buildsBefore.size()).toList() : List.of();

            awaitQuiet(gateway);
            Optional<GatewayProcess.Heap> heapAfter = process.flatMap(GatewayProcess::heapAfterFullGc);
            OptionalLong rssAfter = process.map(GatewayProcess::residentKib).orElse(OptionalLong.empty());
            OptionalLong rssPeak = process.map(GatewayProcess::peakResidentKib).orElse(OptionalLong.empty());
            List<Map.Entry<String, Long>> nativeMemory = process.map(GatewayProcess::nativeMemory).orElse(List.of());

            Optional<Latencies> query = solo.queryableNanos() >= 0
                    ? Optional.of(smallQueries(gateway, products.getLast(), options))
                    : Optional.empty();
            SchemaSize schema = schemaSize(gateway, products);
            int activePorts = gateway.activePorts(tokens.get(products.getFirst().domain()));

            Report report = new Report(options, portSeconds, port.portCount(), port.tablesPerPort(), catalog,
                    initialSchemaVersion, basePorts, burst, solo, soloBuild, republications, builds,
                    heapBefore, heapAfter, rssBefore, rssAfter, rssPeak, nativeMemory, query, schema, activePorts);
            report.print();
            return report.complete();
        }
    }

    /** One token naming every domain when given; else one demo token per domain, as each domain team has its own. */
    private static Map<String, String> tokens(GatewayClient gateway, List<GeneratedProduct> products,
            ScaleOptions options) throws IOException, InterruptedException {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (GeneratedProduct product : products) {
            if (!tokens.containsKey(product.domain())) {
                tokens.put(product.domain(), options.token().isPresent() ? options.token().get()
                        : gateway.mintToken("scale-bench-" + product.domain(), List.of(product.domain())));
            }
        }
        System.out.printf("%d domains, %s%n", tokens.size(),
                options.token().isPresent() ? "one token given for all" : "one demo token each");
        return tokens;
    }

    /**
     * One registration of the concurrent burst.
     *
     * @param index       the product
     * @param finishNanos when its answer was read, from the start of the burst
     * @param nanos       its ack latency
     * @param status      the HTTP status
     * @param message     the gateway's message when refused
     */
    record Registration(int index, long finishNanos, long nanos, int status, String message) {
    }

    /**
     * The concurrent registrations.
     *
     * @param registrations every answered one, in the order they finished
     * @param nanos         from the first request to the last answer
     * @param concurrency   clients
     */
    record Burst(List<Registration> registrations, long nanos, int concurrency) {

        List<Registration> refused() {
            return registrations.stream().filter(registration -> registration.status() != 201).toList();
        }

        Latencies latencies() {
            return new Latencies(registrations.stream().mapToLong(Registration::nanos).toArray());
        }
    }

    private static Burst registerConcurrently(GatewayClient gateway, List<GeneratedProduct> products,
            List<String> documents, Map<String, String> tokens, int concurrency) throws Exception {
        System.out.printf("Registering %,d ports with %d concurrent clients ...%n", products.size(), concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Registration> answered = new ConcurrentLinkedQueue<>();
        int progressStep = Math.max(1, products.size() / 10);
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int client = 0; client < concurrency; client++) {
                workers.add(clients.submit(() -> {
                    for (int index = next.getAndIncrement(); index < products.size() && refused.get() < MAX_REFUSED;
                            index = next.getAndIncrement()) {
                        GeneratedProduct product = products.get(index);
                        GatewayClient.Publication publication = gateway.publish(documents.get(index),
                                tokens.get(product.domain()));
                        answered.add(new Registration(index, System.nanoTime() - start, publication.nanos(),
                                publication.status(), publication.published() ? "" : publication.message()));
                        if (!publication.published() && refused.incrementAndGet() == MAX_REFUSED) {
                            System.out.printf("  %d registrations refused: stopping (the last: HTTP %d %s)%n",
                                    MAX_REFUSED, publication.status(), publication.message());
                        }
                        int count = done.incrementAndGet();
                        if (count % progressStep == 0) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            System.out.printf(Locale.ROOT, "  %,d registered in %.1f s (%.1f/s overall, last ack %.0f ms)%n",
                                    count, seconds, count / seconds, publication.nanos() / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        long nanos = System.nanoTime() - start;
        List<Registration> registrations = answered.stream()
                .sorted(Comparator.comparingLong(Registration::finishNanos))
                .toList();
        return new Burst(registrations, nanos, concurrency);
    }

    /**
     * The last registration, alone.
     *
     * @param status           its HTTP status
     * @param message          the gateway's message
     * @param ackNanos         from sending it to reading the acknowledgement
     * @param schemaVersion    the schema version the answer names, or -1
     * @param queryableNanos   from the acknowledgement until a query of its dataset answered; -1 if it never did
     * @param polls            queries sent until one answered
     * @param firstQueryNanos  the latency of the query that first answered
     * @param secondQueryNanos the latency of the same query sent right after
     */
    record Solo(int status, String message, long ackNanos, long schemaVersion, long queryableNanos, int polls,
            long firstQueryNanos, long secondQueryNanos) {
    }

    private static Solo registerAlone(GatewayClient gateway, GeneratedProduct product, String document, String token)
            throws IOException, InterruptedException {
        System.out.printf("Registering the last port (%s) alone, then querying it until it answers ...%n",
                product.portId());
        GatewayClient.Publication publication = gateway.publish(document, token);
        long acknowledged = System.nanoTime();
        if (!publication.published()) {
            return new Solo(publication.status(), publication.message(), publication.nanos(), -1, -1, 0, 0, 0);
        }
        String query = product.smallQuery(SMALL_QUERY_ROWS);
        long deadline = acknowledged + 60_000_000_000L;
        int polls = 0;
        while (System.nanoTime() < deadline) {
            GatewayClient.GraphqlAnswer answer = gateway.graphql(query);
            polls++;
            if (answer.ok() && rows(answer.json(), product) == SMALL_QUERY_ROWS) {
                long queryable = System.nanoTime() - acknowledged;
                GatewayClient.GraphqlAnswer second = gateway.graphql(query);
                return new Solo(publication.status(), publication.message(), publication.nanos(),
                        publication.schemaVersion(), queryable, polls, answer.nanos(), second.nanos());
            }
        }
        return new Solo(publication.status(), publication.message(), publication.nanos(),
                publication.schemaVersion(), -1, polls, 0, 0);
    }

    /**
     * One republication of the last contract with a patch version: the registry's size stays the same, so its
     * schema build is another sample of the rebuild time at that size.
     *
     * @param status   the HTTP status
     * @param ackNanos from sending it to reading the acknowledgement
     * @param build    the gateway's build of the schema that serves it, when logged
     * @param message  the gateway's message
     * @param firstQueryNanos  the small query sent right after the acknowledgement (the first on the new schema)
     * @param secondQueryNanos the same query sent right after that
     */
    record Republication(int status, long ackNanos, Optional<SchemaBuildLog.Build> build, String message,
            long firstQueryNanos, long secondQueryNanos) {
    }

    private static List<Republication> republish(GatewayClient gateway, GeneratedProduct product, String location,
            String token, int count, Optional<SchemaBuildLog> buildLog) throws IOException, InterruptedException {
        if (count == 0) {
            return List.of();
        }
        System.out.printf("Republishing %s %d time(s) (versions 1.0.1..1.0.%d), one at a time ...%n",
                product.portId(), count, count);
        List<Republication> republications = new ArrayList<>();
        for (int patch = 1; patch <= count; patch++) {
            GatewayClient.Publication publication = gateway.publish(ContractDocuments.render(product, location, patch),
                    token);
            String query = product.smallQuery(SMALL_QUERY_ROWS);
            GatewayClient.GraphqlAnswer first = gateway.graphql(query);
            GatewayClient.GraphqlAnswer second = gateway.graphql(query);
            Optional<SchemaBuildLog.Build> build = buildLog.isPresent() && publication.schemaVersion() >= 0
                    ? buildLog.get().build(publication.schemaVersion()) : Optional.empty();
            republications.add(new Republication(publication.status(), publication.nanos(), build,
                    publication.published() ? "" : publication.message(), first.ok() ? first.nanos() : -1,
                    second.ok() ? second.nanos() : -1));
        }
        return republications;
    }

    /**
     * Waits until the served schema version has not changed for 3 s (at most 60 s), so that no schema is being
     * built when the heap is measured: the gateway's registry synchronizer may still apply a publication of this
     * gateway a second time, and a build in progress holds a second schema.
     */
    private static void awaitQuiet(GatewayClient gateway) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long version = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            GatewayClient.GraphqlAnswer answer = gateway.graphql("{ schemaVersion }");
            long current = answer.ok() ? answer.json().path("data").path("schemaVersion").asLong() : -1;
            if (current != version) {
                version = current;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= 3_000_000_000L) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private static int rows(JsonNode answer, GeneratedProduct product) {
        JsonNode connection = answer;
        for (String step : product.connectionPath()) {
            connection = connection.path(step);
        }
        return connection.path("nodes").size();
    }

    private static Latencies smallQueries(GatewayClient gateway, GeneratedProduct product, ScaleOptions options)
            throws IOException, InterruptedException {
        String query = product.smallQuery(SMALL_QUERY_ROWS);
        System.out.printf("Small query on %s.%s: %d warm-up, %d measured ...%n", product.domain(), product.dataset(),
                options.warmups(), options.iterations());
        GatewayClient.GraphqlAnswer first = gateway.graphql(query);
        if (!first.ok() || rows(first.json(), product) != SMALL_QUERY_ROWS) {
            throw new IllegalStateException("the small query did not answer " + SMALL_QUERY_ROWS + " rows: "
                    + new String(first.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int warmup = 1; warmup < options.warmups(); warmup++) {
            requireOk(gateway.graphql(query));
        }
        long[] nanos = new long[options.iterations()];
        for (int iteration = 0; iteration < nanos.length; iteration++) {
            GatewayClient.GraphqlAnswer answer = gateway.graphql(query);
            requireOk(answer);
            nanos[iteration] = answer.nanos();
        }
        return new Latencies(nanos);
    }

    private static void requireOk(GatewayClient.GraphqlAnswer answer) {
        if (answer.status() != 200 || answer.body().length < 20
                || new String(answer.body(), 0, 20, java.nio.charset.StandardCharsets.UTF_8).contains("\"errors\"")) {
            throw new IllegalStateException("the small query failed: HTTP " + answer.status());
        }
    }

    /**
     * The served schema's size, read back by introspection.
     *
     * @param types           named types
     * @param fields          fields and input fields of every type
     * @param sdlCharacters   characters of the SDL printed from the introspection result
     * @param responseBytes   bytes of the introspection answer
     * @param introspectNanos how long the introspection query took
     * @param missing         generated datasets whose node type is not in the schema
     */
    record SchemaSize(int types, int fields, int sdlCharacters, int responseBytes, long introspectNanos,
            List<String> missing) {
    }

    @SuppressWarnings("unchecked")
    private static SchemaSize schemaSize(GatewayClient gateway, List<GeneratedProduct> products)
            throws IOException, InterruptedException {
        System.out.println("Introspecting the schema ...");
        GatewayClient.GraphqlAnswer answer = gateway.graphql(IntrospectionQuery.INTROSPECTION_QUERY);
        if (!answer.ok()) {
            throw new IllegalStateException("introspection failed: HTTP " + answer.status());
        }
        Map<String, Object> result = GatewayClient.JSON.readValue(answer.body(), Map.class);
        Map<String, Object> data = (Map<String, Object>) result.get("data");
        Document document = new IntrospectionResultToSchema().createSchemaDefinition(data);
        String sdl = AstPrinter.printAst(document);
        List<Map<String, Object>> types = (List<Map<String, Object>>) ((Map<String, Object>) data.get("__schema"))
                .get("types");
        int fields = 0;
        for (Map<String, Object> type : types) {
            for (String key : List.of("fields", "inputFields")) {
                if (type.get(key) instanceof List<?> list) {
                    fields += list.size();
                }
            }
        }
        Set<String> names = types.stream().map(type -> (String) type.get("name")).collect(Collectors.toSet());
        List<String> missing = products.stream()
                .filter(product -> !names.contains(product.nodeType()))
                .map(GeneratedProduct::portId)
                .toList();
        return new SchemaSize(types.size(), fields, sdl.length(), answer.body().length, answer.nanos(), missing);
    }
}
