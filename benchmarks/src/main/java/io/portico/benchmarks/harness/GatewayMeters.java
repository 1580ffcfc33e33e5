package io.portico.benchmarks.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the load harnesses read beside their own timings: the gateway's Prometheus counters, the load average. */
final class GatewayMeters {

    /** Every port call the gateway made (every port, every outcome). */
    static final Pattern PORT_CALLS = series("portico_port_calls_seconds_count");
    /** Every read the result cache answered. */
    static final Pattern CACHE_HITS = series("portico_cache_hits_total");
    /** Every request answered whole ({@code portico.cache.answers}). */
    static final Pattern ANSWER_HITS = Pattern.compile(
            "(?m)^portico_answer_cache_requests_total\\{result=\"hit\"}\\s+([0-9.eE+-]+)$");

    private GatewayMeters() {
    }

    /** The sum of a counter's series at the gateway's {@code /actuator/prometheus}; NaN when it cannot be read. */
    static double sum(HttpClient http, URI graphqlUrl, Pattern series) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(graphqlUrl.resolve("/actuator/prometheus"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            double total = 0;
            Matcher matcher = series.matcher(response.body());
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
            }
            return total;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** This machine's {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Pattern series(String name) {
        return Pattern.compile("(?m)^" + name + "\\{[^}]*}\\s+([0-9.eE+-]+)$");
    }
}
