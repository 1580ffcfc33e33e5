package io.portico.benchmarks.scale;

import io.portico.benchmarks.scale.RegistryScaleHarness.Burst;
import io.portico.benchmarks.scale.RegistryScaleHarness.Registration;
import io.portico.benchmarks.scale.RegistryScaleHarness.Republication;
import io.portico.benchmarks.scale.RegistryScaleHarness.SchemaSize;
import io.portico.benchmarks.scale.RegistryScaleHarness.Solo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the {@link RegistryScaleHarness} measured, printed as Markdown for {@code docs/performance.md}.
 *
 * @param basePorts ports the gateway served before the run (the demo mesh's)
 */
record Report(
        ScaleOptions options,
        double portSeconds,
        int portCount,
        int tablesPerPort,
        Latencies catalog,
        long initialSchemaVersion,
        int basePorts,
        Burst burst,
        Solo solo,
        Optional<SchemaBuildLog.Build> soloBuild,
        List<Republication> republications,
        List<SchemaBuildLog.Build> builds,
        Optional<GatewayProcess.Heap> heapBefore,
        Optional<GatewayProcess.Heap> heapAfter,
        OptionalLong rssBefore,
        OptionalLong rssAfter,
        OptionalLong rssPeak,
        List<Map.Entry<String, Long>> nativeMemory,
        Optional<Latencies> query,
        SchemaSize schema,
        int activePorts) {

    private static final double REBUILD_TARGET_MS = 1_000;
    private static final double VISIBLE_TARGET_MS = 2_000;
    private static final int TENTHS = 10;

    /** Whether every registration was accepted, served and listed. */
    boolean complete() {
        return burst.registrations().size() == options.ports() - 1 && burst.refused().isEmpty()
                && solo.status() == 201 && solo.queryableNanos() >= 0
                && schema.missing().isEmpty() && activePorts >= options.ports();
    }

    void print() {
        int ports = options.ports();
        double burstSeconds = burst.nanos() / 1e9;
        double totalSeconds = burstSeconds + solo.ackNanos() / 1e9;
        Latencies acks = burst.latencies();
        System.out.println();
        System.out.printf(Locale.ROOT, "Registry at scale: %,d ports x %d fields (%,d domains x %d products), %d"
                        + " concurrent clients; gateway %s; harness on %d cores, Java %s%n",
                ports, GeneratedColumn.ALL.size(), (ports + options.productsPerDomain() - 1)
                        / options.productsPerDomain(), options.productsPerDomain(), options.concurrency(),
                options.gateway(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println();
        System.out.println("| measure | result | target |");
        System.out.println("|---|---|---|");
        int accepted = burst.registrations().size() - burst.refused().size() + (solo.status() == 201 ? 1 : 0);
        row("register all %,d ports (%,d with %d clients, then 1 alone)".formatted(ports, ports - 1,
                options.concurrency()), accepted == ports
                        ? "%.1f s, %.1f registrations/s".formatted(totalSeconds, ports / totalSeconds)
                        : "NOT done: %,d accepted, %,d refused, %,d not sent (%.1f s)".formatted(accepted,
                                burst.refused().size() + (solo.status() == 201 ? 0 : 1),
                                ports - 1 - burst.registrations().size(), totalSeconds), "");
        row("ack latency of a registration, concurrent: p50 / p99 / max",
                "%.0f / %.0f / %.0f ms".formatted(acks.percentileMillis(50), acks.percentileMillis(99),
                        acks.maxMillis()), "");
        row("last registration alone (at %,d ports): POST to acknowledgement".formatted(ports - 1),
                solo.status() == 201 ? "%.0f ms".formatted(solo.ackNanos() / 1e6)
                        : "refused: HTTP " + solo.status() + " " + solo.message(), "");
        row("schema rebuild for the last one (gateway log, schema version %d)".formatted(solo.schemaVersion()),
                soloBuild.map(build -> "%,d ms (%,d ports, %,d datasets)".formatted(build.millis(), build.ports(),
                        build.datasets())).orElse("n/a (no --gateway-log, or no line for it)"),
                soloBuild.map(build -> verdict(build.millis() < REBUILD_TARGET_MS, "< 1 s")).orElse("< 1 s"));
        printRepublications(ports);
        if (solo.queryableNanos() >= 0) {
            row("acknowledgement to queryable (last one; GraphQL polled back to back)",
                    "%.0f ms (%d poll(s); the answering query took %.0f ms, the same query right after %.0f ms)"
                            .formatted(solo.queryableNanos() / 1e6, solo.polls(), solo.firstQueryNanos() / 1e6,
                                    solo.secondQueryNanos() / 1e6), "");
            double visible = (solo.ackNanos() + solo.queryableNanos()) / 1e6;
            row("registration visible: POST to first answering query (last one)", "%.0f ms".formatted(visible),
                    verdict(visible < VISIBLE_TARGET_MS, "< 2 s"));
        } else {
            row("acknowledgement to queryable (last one)", "never answered within 60 s", verdict(false, "< 2 s"));
        }
        row("gateway heap after full GC: before / after (committed after)", heap(heapBefore) + " / "
                + heap(heapAfter) + heapAfter.map(heap -> " (%.0f MiB)".formatted(heap.committedKib() / 1024.0))
                        .orElse(""), "");
        row("gateway RSS: before / after (peak VmHWM)", mib(rssBefore) + " / " + mib(rssAfter) + " (" + mib(rssPeak)
                + ")", "");
        if (!nativeMemory.isEmpty()) {
            row("gateway native memory tracking, committed after (largest categories)", String.join(", ",
                    nativeMemory.stream().limit(7).map(entry -> "%s %.0f MiB".formatted(entry.getKey(),
                            entry.getValue() / 1024.0)).toList()), "");
        }
        row("10-row query of one dataset (6 columns) at %,d ports: p50 / p99 (%s runs)".formatted(ports,
                query.map(latencies -> Integer.toString(latencies.count())).orElse("no")),
                query.map(latencies -> "%.1f / %.1f ms".formatted(latencies.percentileMillis(50),
                        latencies.percentileMillis(99))).orElse("n/a: the last registration never answered"), "");
        row("schema (introspection): types / fields / SDL characters", "%,d / %,d / %,d".formatted(schema.types(),
                schema.fields(), schema.sdlCharacters()), "");
        row("introspection query: answer bytes, time", "%,d bytes, %.0f ms".formatted(schema.responseBytes(),
                schema.introspectNanos() / 1e6), "");
        row("every registration served and listed", schema.missing().isEmpty() && activePorts >= ports
                ? "yes: %,d node types, GET /api/ports lists %,d".formatted(ports, activePorts)
                : "NO: %d not in the schema %s, GET /api/ports lists %,d".formatted(schema.missing().size(),
                        schema.missing().stream().limit(5).toList(), activePorts), "");
        row("Flight SQL port(s): %d, %,d tables each, created and started in".formatted(portCount, tablesPerPort),
                "%.1f s".formatted(portSeconds), "");
        row(("one port's whole catalog listing with schemas (%,d tables; a registration asks for its own tables"
                + " only), 3 runs")
                .formatted(tablesPerPort), "%,.0f ms median, %,.0f ms max".formatted(catalog.percentileMillis(50),
                        catalog.maxMillis()), "");
        if (burst.registrations().size() < ports - 1) {
            row("burst stopped early", "after %,d answers, %,d refused".formatted(burst.registrations().size(),
                    burst.refused().size()), "");
        }

        printCurve();
        printBuilds();
        printRefusals();
    }

    private void printRepublications(int ports) {
        if (republications.isEmpty()) {
            return;
        }
        List<Republication> published = republications.stream().filter(each -> each.status() == 201).toList();
        if (published.size() < republications.size()) {
            row("republications of the last contract refused", republications.stream()
                    .filter(each -> each.status() != 201).map(each -> each.status() + " " + each.message())
                    .findFirst().orElse(""), "");
        }
        if (published.isEmpty()) {
            return;
        }
        Latencies acks = new Latencies(published.stream().mapToLong(Republication::ackNanos).toArray());
        row("republication of the last contract (patch version, at %,d ports), %d one at a time: ack p50 / min / max"
                .formatted(ports, published.size()), "%.0f / %.0f / %.0f ms".formatted(acks.percentileMillis(50),
                        acks.percentileMillis(0), acks.maxMillis()), "");
        long[] firstQueries = published.stream().mapToLong(Republication::firstQueryNanos).filter(nanos -> nanos >= 0)
                .toArray();
        long[] secondQueries = published.stream().mapToLong(Republication::secondQueryNanos)
                .filter(nanos -> nanos >= 0).toArray();
        if (firstQueries.length > 0 && secondQueries.length > 0) {
            Latencies first = new Latencies(firstQueries);
            Latencies second = new Latencies(secondQueries);
            row("small query right after each republication (the first on the new schema) / the next one: p50",
                    "%.0f / %.0f ms".formatted(first.percentileMillis(50), second.percentileMillis(50)), "");
        }
        long[] builds = published.stream().flatMap(each -> each.build().stream())
                .mapToLong(build -> build.millis() * 1_000_000).toArray();
        if (builds.length > 0) {
            Latencies rebuilds = new Latencies(builds);
            row("schema rebuild at %,d ports, %d republications (gateway log): p50 / min / max".formatted(ports,
                    builds.length), "%.0f / %.0f / %.0f ms".formatted(rebuilds.percentileMillis(50),
                            rebuilds.percentileMillis(0), rebuilds.maxMillis()),
                    verdict(rebuilds.percentileMillis(50) < REBUILD_TARGET_MS, "< 1 s (p50)"));
        }
    }

    /** Registrations per tenth of the burst, in the order they finished: how the cost grows with the registry. */
    private void printCurve() {
        List<Registration> registrations = burst.registrations();
        if (registrations.size() < TENTHS) {
            return;
        }
        System.out.println();
        System.out.println("| registrations (finished) | wall s | registrations/s | ack p50 ms | ack p99 ms |");
        System.out.println("|---|---|---|---|---|");
        long previousFinish = 0;
        for (int tenth = 0; tenth < TENTHS; tenth++) {
            int from = tenth * registrations.size() / TENTHS;
            int to = (tenth + 1) * registrations.size() / TENTHS;
            List<Registration> slice = registrations.subList(from, to);
            long finish = slice.getLast().finishNanos();
            double seconds = (finish - previousFinish) / 1e9;
            Latencies latencies = new Latencies(slice.stream().mapToLong(Registration::nanos).toArray());
            System.out.printf(Locale.ROOT, "| %,d-%,d | %.1f | %.1f | %.0f | %.0f |%n", from + 1, to, seconds,
                    slice.size() / seconds, latencies.percentileMillis(50), latencies.percentileMillis(99));
            previousFinish = finish;
        }
    }

    /** The gateway's schema builds during the run, by registry size. */
    private void printBuilds() {
        if (builds.isEmpty()) {
            System.out.println();
            System.out.println("(schema build times: pass --gateway-log FILE)");
            return;
        }
        int registrations = options.ports();
        System.out.println();
        System.out.printf(Locale.ROOT, "Schema builds logged by the gateway during the run: %,d for %,d"
                + " registrations%n%n", builds.size(), registrations);
        System.out.println("| registered ports in the schema | builds | build ms p50 | build ms max |");
        System.out.println("|---|---|---|---|");
        for (int tenth = 0; tenth < TENTHS; tenth++) {
            int from = tenth * registrations / TENTHS;
            int to = (tenth + 1) * registrations / TENTHS;
            long[] millis = builds.stream()
                    .filter(build -> build.ports() - basePorts > from && build.ports() - basePorts <= to)
                    .mapToLong(SchemaBuildLog.Build::millis)
                    .toArray();
            if (millis.length == 0) {
                continue;
            }
            Latencies latencies = new Latencies(java.util.Arrays.stream(millis).map(ms -> ms * 1_000_000).toArray());
            System.out.printf(Locale.ROOT, "| %,d-%,d | %d | %.0f | %.0f |%n", from + 1, to, millis.length,
                    latencies.percentileMillis(50), latencies.maxMillis());
        }
    }

    private void printRefusals() {
        List<Registration> refused = burst.refused();
        if (refused.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.printf("%,d registrations were refused; the first:%n", refused.size());
        refused.stream().limit(5).forEach(registration -> System.out.printf("  #%d HTTP %d: %s%n",
                registration.index() + 1, registration.status(), registration.message()));
    }

    private static void row(String measure, String result, String target) {
        System.out.println("| " + measure + " | " + result + " | " + target + " |");
    }

    private static String verdict(boolean met, String target) {
        return target + ": " + (met ? "met" : "NOT met");
    }

    private static String heap(Optional<GatewayProcess.Heap> heap) {
        return heap.map(value -> "%.0f MiB".formatted(value.usedKib() / 1024.0)).orElse("n/a");
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? "%.0f MiB".formatted(kib.getAsLong() / 1024.0) : "n/a";
    }
}
