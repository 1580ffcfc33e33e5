package io.portico.flight.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContractFileWatcher} on a real directory: debounced, only real changes, replaced files too. */
class ContractFileWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void handsOverEachChangedTextOnceTheFileIsQuiet(@TempDir Path directory) throws Exception {
        Path contract = directory.resolve("port.odcs.yaml");
        Files.writeString(contract, "version: 1.0.0\n");
        LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();

        try (ContractFileWatcher watcher = ContractFileWatcher.start(contract, QUIET, changes::add)) {
            Files.writeString(directory.resolve("other.txt"), "not the contract");
            Files.writeString(contract, "version: 1.0.0\n");
            assertThat(changes.poll(1500, TimeUnit.MILLISECONDS)).as("same text, other file").isNull();

            for (int step = 1; step <= 5; step++) {
                Files.writeString(contract, "version: 1.1." + step + "\n");
                Thread.sleep(20);
            }
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo("version: 1.1.5\n");
            assertThat(changes.poll(1000, TimeUnit.MILLISECONDS)).as("one hand-over for a burst of writes").isNull();

            Path replacement = directory.resolve("port.odcs.yaml.tmp");
            Files.writeString(replacement, "version: 2.0.0\n");
            Files.move(replacement, contract, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("replaced by a rename").isEqualTo("version: 2.0.0\n");
        }
    }
}
