package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reloader's ordering rules, with an installer that records what it was asked to install. */
class SchemaReloaderTest {

    private final RecordingInstaller installer = new RecordingInstaller();
    private final SchemaReloader reloader = new SchemaReloader(installer);

    @AfterEach
    void close() {
        reloader.close();
    }

    @Test
    void installsASubmittedSnapshotAndAnswersItsSchema() throws Exception {
        ComposedSchema installed = reloader.submit(snapshot(1)).get(10, TimeUnit.SECONDS);

        assertThat(installed.registryVersion()).isEqualTo(1);
        assertThat(reloader.current()).isSameAs(installed);
        assertThat(installer.versions).containsExactly(1L);
    }

    @Test
    void aBurstOfSnapshotsIsInstalledNewestLastAndNeverOlderAfterNewer() throws Exception {
        installer.blockNext();
        CompletableFuture<ComposedSchema> first = reloader.submit(snapshot(1));
        installer.awaitBlocked();
        List<CompletableFuture<ComposedSchema>> burst = new ArrayList<>();
        for (long version = 5; version >= 2; version--) {
            burst.add(reloader.submit(snapshot(version)));
        }
        installer.release();

        assertThat(first.get(10, TimeUnit.SECONDS).registryVersion()).isEqualTo(1);
        for (CompletableFuture<ComposedSchema> waiting : burst) {
            assertThat(waiting.get(10, TimeUnit.SECONDS).registryVersion()).isEqualTo(5);
        }
        assertThat(installer.versions).containsExactly(1L, 5L);
    }

    @Test
    void aSnapshotOlderThanTheLiveSchemaCompletesAtOnce() throws Exception {
        reloader.submit(snapshot(3)).get(10, TimeUnit.SECONDS);

        assertThat(reloader.submit(snapshot(2)).get(10, TimeUnit.SECONDS).registryVersion()).isEqualTo(3);
        assertThat(installer.versions).containsExactly(3L);
    }

    @Test
    void aFailedInstallFailsItsWaitersAndKeepsThePreviousSchema() throws Exception {
        ComposedSchema previous = reloader.submit(snapshot(1)).get(10, TimeUnit.SECONDS);
        installer.failNext();

        assertThatThrownBy(() -> reloader.submit(snapshot(2)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("cannot build");
        assertThat(reloader.current()).isSameAs(previous);
        assertThat(reloader.submit(snapshot(3)).get(10, TimeUnit.SECONDS).registryVersion()).isEqualTo(3);
    }

    @Test
    void installsOnlyOnItsOwnThread() throws Exception {
        reloader.submit(snapshot(1)).get(10, TimeUnit.SECONDS);

        assertThat(installer.threads).containsExactly("portico-schema-reloader");
    }

    private static RegistrySnapshot snapshot(long version) {
        return new RegistrySnapshot(version, List.of());
    }

    /** Records installs; can hold one install until released, or fail one. */
    private static final class RecordingInstaller implements SchemaInstaller {

        final List<Long> versions = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        private volatile CountDownLatch blocked;
        private volatile CountDownLatch release;
        private volatile boolean hold;
        private volatile boolean fail;

        void blockNext() {
            blocked = new CountDownLatch(1);
            release = new CountDownLatch(1);
            hold = true;
        }

        void awaitBlocked() throws InterruptedException {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            release.countDown();
        }

        void failNext() {
            fail = true;
        }

        @Override
        public void install(RegistrySnapshot snapshot, ComposedSchema schema) {
            threads.add(Thread.currentThread().getName());
            if (fail) {
                fail = false;
                throw new IllegalStateException("cannot build version " + snapshot.version());
            }
            if (hold) {
                hold = false;
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            versions.add(snapshot.version());
        }
    }
}
