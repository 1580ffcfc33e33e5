package io.portico.gateway.registry.store;

import static io.portico.gateway.registry.store.RegistryTables.CONTRACT_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of concurrent registrations: a separate JVM ({@link RegistryWriterMain}) registers
 * from several threads into an H2 file and reports each acknowledged registration; the test kills it (SIGKILL) at
 * a random point, {@value #KILLS} times over the same database. After each kill, before any store opens the file
 * (and reconciles it), the file must hold whole transactions only: one row per registry version (the registration
 * in flight at the kill is all there or not at all), each superseded version ended by a stored registration of its
 * port, at most one active version per port, and the table and its indexes agreeing. At the end every acknowledged
 * registration is stored, revisions have no gaps, and each port's versions form one supersede chain.
 *
 * <p>Before {@link H2WriteGate}, H2 wrote a transaction committing while another took its snapshot half to the file:
 * this test saw a supersede kept with its new row lost, the status index listing that lost row as active, and the
 * registry version lagging the rows (about one kill in twelve with four writers on a loaded machine).
 */
class RegistryCrashTest {

    private static final int WRITER_THREADS = 4;
    private static final int KILLS = 4;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedRegistrationSurvivesKillMinusNineAndNoneIsHalfWritten() throws Exception {
        String url = TestRegistryDatabase.h2FileUrl(directory);
        Random random = new Random();
        List<Acknowledgement> acknowledged = new ArrayList<>();
        for (int round = 0; round < KILLS; round++) {
            int killAfter = 20 + random.nextInt(100);
            acknowledged.addAll(runAndKill(url, killAfter));
            assertOnlyWholeTransactions(url, round);
        }

        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate()) {
            RegistryStore store = database.store();
            Map<Long, StoredContract> stored = WRITER_PORTS.stream()
                    .flatMap(portId -> store.history(portId).stream())
                    .collect(Collectors.toMap(StoredContract::registryVersion, version -> version));
            for (Acknowledgement ack : acknowledged) {
                assertThat(stored).as("acknowledged registration %s", ack).containsKey(ack.registryVersion());
                assertThat(stored.get(ack.registryVersion()).portId()).isEqualTo(ack.portId());
                assertThat(stored.get(ack.registryVersion()).revision()).isEqualTo(ack.revision());
            }

            long registryVersion = store.registryVersion();
            assertThat(database.dsl().fetchCount(CONTRACT_VERSION)).as("one row per registry version")
                    .isEqualTo(registryVersion).isGreaterThanOrEqualTo(acknowledged.size());
            for (String portId : WRITER_PORTS) {
                List<StoredContract> history = store.history(portId);
                assertThat(history).extracting(StoredContract::revision)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, history.size()).boxed().toList());
                assertThat(history).filteredOn(version -> version.status() == RegistrationStatus.ACTIVE)
                        .containsExactly(history.getLast());
                for (int index = 0; index + 1 < history.size(); index++) {
                    assertThat(history.get(index).ended().registryVersion())
                            .isEqualTo(history.get(index + 1).registryVersion());
                }
            }
            System.out.printf("kill -9 x%d: %d acknowledged, %d stored%n", KILLS, acknowledged.size(), registryVersion);
        }
    }

    /**
     * What the file holds after a kill, read before any {@link RegistryStore} opens it (opening one reconciles):
     * every registration (a version bump, the supersede of the port's previous version and the new row, in one
     * transaction) whole or absent. {@code USE INDEX ()} reads the table itself, without its indexes.
     */
    private static void assertOnlyWholeTransactions(String url, int round) throws Exception {
        try (TestRegistryDatabase database = TestRegistryDatabase.h2(url)) {
            DSLContext sql = database.dsl();
            long version = number(sql, "SELECT version FROM registry_version");
            String state = sql.fetch("SELECT registry_version, port_id, revision, status, ended_registry_version"
                    + " FROM contract_version USE INDEX () WHERE registry_version > ? - 8"
                    + " OR ended_registry_version > ? - 8 ORDER BY registry_version", version, version).format();
            String after = "after kill " + (round + 1) + " (registry version " + version + "; the last rows:\n"
                    + state + ")";
            assertThat(number(sql, "SELECT COUNT(*) FROM contract_version USE INDEX ()"))
                    .as("one row per registry version %s", after).isEqualTo(version);
            assertThat(number(sql, "SELECT MAX(registry_version) FROM contract_version USE INDEX ()"))
                    .as("the newest row is of the registry version %s", after).isEqualTo(version);
            assertThat(sql.fetchValues("SELECT c.registry_version FROM contract_version c USE INDEX ()"
                    + " WHERE c.status = 'superseded' AND NOT EXISTS (SELECT 1 FROM contract_version s USE INDEX ()"
                    + " WHERE s.registry_version = c.ended_registry_version AND s.port_id = c.port_id)"))
                    .as("versions superseded by a registration that is not stored %s", after).isEmpty();
            assertThat(sql.fetchValues("SELECT port_id FROM contract_version USE INDEX () WHERE status = 'active'"
                    + " GROUP BY port_id HAVING COUNT(*) > 1")).as("ports with two active versions %s", after)
                    .isEmpty();
            for (String status : List.of("active", "superseded")) {
                assertThat(sql.fetchValues("SELECT registry_version FROM contract_version WHERE status = ?"
                        + " ORDER BY registry_version", status))
                        .as("the status index agrees with the table on the %s versions %s", status, after)
                        .isEqualTo(sql.fetchValues("SELECT registry_version FROM contract_version USE INDEX ()"
                                + " WHERE status = ? ORDER BY registry_version", status));
            }
        }
    }

    private static long number(DSLContext sql, String query) {
        return ((Number) sql.fetchValue(query)).longValue();
    }

    private static final List<String> WRITER_PORTS = IntStream.range(0, WRITER_THREADS)
            .mapToObj(thread -> "crash-port-" + thread)
            .toList();

    /** Starts a writer, lets it acknowledge {@code killAfter} registrations, kills it, returns everything it acknowledged. */
    private List<Acknowledgement> runAndKill(String url, int killAfter) throws Exception {
        Path log = Files.createTempFile(directory, "writer", ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--") || argument.startsWith("-Duser.timezone"))
                .toList());
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RegistryWriterMain.class.getName(), url, String.valueOf(WRITER_THREADS)));
        long started = System.nanoTime();
        Process writer = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<Acknowledgement> acknowledged = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> readLines(writer, lines));
        try {
            int seen = 0;
            while (seen < killAfter) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the writer stopped answering; its log:\n%s", Files.readString(log)).isNotNull();
                if (line.startsWith("ACK ")) {
                    acknowledged.add(Acknowledgement.parse(line));
                    seen++;
                } else if (line.equals("READY")) {
                    System.out.printf("writer ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
                    started = System.nanoTime();
                }
            }
            System.out.printf("%d acknowledged in %d ms; killing%n", seen, (System.nanoTime() - started) / 1_000_000);
            // SIGKILL on Unix: no shutdown hook, no flush, no close.
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            writer.destroyForcibly();
        }
        // Acknowledgements printed before the kill are still in the pipe.
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            if (line.startsWith("ACK ")) {
                acknowledged.add(Acknowledgement.parse(line));
            }
        }
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return acknowledged;
    }

    private static void readLines(Process writer, BlockingQueue<String> lines) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process died; what was read is in the queue.
        }
    }

    private record Acknowledgement(long registryVersion, String portId, int revision) {

        static Acknowledgement parse(String line) {
            String[] parts = line.split(" ");
            return new Acknowledgement(Long.parseLong(parts[1]), parts[2], Integer.parseInt(parts[3]));
        }
    }
}
