package io.portico.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema builds a gateway logged: its {@code SchemaReloader} writes one line per schema that went live,
 * {@code schema version N is live: P port(s), D dataset(s), built in X ms}, X being compose plus install
 * (graphql-java schema and wiring), measured inside the gateway.
 */
final class SchemaBuildLog {

    private static final Pattern BUILD = Pattern.compile(
            "schema version (\\d+) is live: (\\d+) port\\(s\\), (\\d+) dataset\\(s\\), built in (\\d+) ms");

    /**
     * One logged build.
     *
     * @param version  the registry snapshot version it serves ({@code Query.schemaVersion})
     * @param ports    ports in the snapshot
     * @param datasets datasets in the schema
     * @param millis   build time
     */
    record Build(long version, int ports, int datasets, long millis) {
    }

    private final Path file;

    SchemaBuildLog(Path file) {
        this.file = file;
    }

    /** Every build logged so far, in log order. */
    List<Build> builds() throws IOException {
        List<Build> builds = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher matcher = BUILD.matcher(line);
            if (matcher.find()) {
                builds.add(new Build(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)), Long.parseLong(matcher.group(4))));
            }
        }
        return builds;
    }

    /** The build of schema {@code version}, waiting up to a few seconds for the log line to be flushed. */
    Optional<Build> build(long version) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<Build> found = builds().stream().filter(build -> build.version() == version).findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
