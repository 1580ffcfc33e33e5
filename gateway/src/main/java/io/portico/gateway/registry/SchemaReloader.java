package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.CompositionProblem;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.RelationshipKeyRule;
import io.portico.schema.compose.SchemaComposer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the GraphQL schema is rebuilt. Registry changes {@link #submit submit} snapshots; a single
 * background thread composes the newest one and installs it, so builds never overlap, an older snapshot never
 * replaces a newer one, and a burst of changes costs one or two builds, not one each. Request threads never
 * build: they keep running on the schema that was live when they started.
 */
public final class SchemaReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaReloader.class);

    private final SchemaInstaller installer;
    private final RelationshipKeyRule keyRule;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("portico-schema-reloader").daemon(true).factory());
    private final Object lock = new Object();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Set<String> reportedProblems = new HashSet<>();
    private RegistrySnapshot pending;
    private volatile Live current;
    private long installedVersion = -1;

    /** A reloader composing under the {@linkplain RelationshipKeyRule#DEFAULT default} foreign-key rule. */
    public SchemaReloader(SchemaInstaller installer) {
        this(installer, RelationshipKeyRule.DEFAULT);
    }

    /**
     * @param installer installs each composed schema
     * @param keyRule   which fields foreign keys may point at (portico.relationships.open-classifications)
     */
    public SchemaReloader(SchemaInstaller installer, RelationshipKeyRule keyRule) {
        this.installer = requireNonNull(installer, "installer is null");
        this.keyRule = requireNonNull(keyRule, "keyRule is null");
    }

    /**
     * Asks for the schema of {@code snapshot} (or of a newer snapshot) to go live.
     *
     * @return completes with the installed schema once a schema of this version or newer serves requests;
     *         completes exceptionally when building this version failed (the previous schema keeps serving)
     */
    public CompletableFuture<ComposedSchema> submit(RegistrySnapshot snapshot) {
        requireNonNull(snapshot, "snapshot is null");
        CompletableFuture<ComposedSchema> installed = new CompletableFuture<>();
        synchronized (lock) {
            if (snapshot.version() <= installedVersion) {
                installed.complete(current());
                return installed;
            }
            waiters.add(new Waiter(snapshot.version(), installed));
            if (pending == null || pending.version() < snapshot.version()) {
                pending = snapshot;
            }
        }
        thread.execute(this::installPending);
        return installed;
    }

    /** The schema serving new requests, or null before the first install. */
    public ComposedSchema current() {
        Live live = current;
        return live == null ? null : live.schema();
    }

    /**
     * The schema serving new requests with the snapshot it was composed from, read together; null before the
     * first install. While a newer snapshot's schema is being built, this is still the older pair: the ports it
     * names are those new requests reach.
     */
    public Live live() {
        return current;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void installPending() {
        RegistrySnapshot snapshot;
        synchronized (lock) {
            snapshot = pending;
            pending = null;
        }
        if (snapshot == null || snapshot.version() <= installedVersion) {
            return;
        }
        long started = System.nanoTime();
        try {
            ComposedSchema composed = SchemaComposer.compose(snapshot, keyRule);
            reportProblems(composed);
            installer.install(snapshot, composed);
            LOG.info("schema version {} is live: {} port(s), {} dataset(s), built in {} ms", composed.registryVersion(),
                    snapshot.ports().size(), composed.datasets().size(), (System.nanoTime() - started) / 1_000_000);
            synchronized (lock) {
                current = new Live(snapshot, composed);
                installedVersion = snapshot.version();
                completeWaiters(snapshot.version(), composed, null);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("building schema version {} failed; the previous schema keeps serving", snapshot.version(), e);
            synchronized (lock) {
                completeWaiters(snapshot.version(), null, e);
            }
        }
    }

    private void completeWaiters(long version, ComposedSchema installed, Throwable failure) {
        Iterator<Waiter> iterator = waiters.iterator();
        while (iterator.hasNext()) {
            Waiter waiter = iterator.next();
            if (waiter.version() > version) {
                continue;
            }
            iterator.remove();
            if (failure == null) {
                waiter.future().complete(installed);
            } else {
                waiter.future().completeExceptionally(failure);
            }
        }
    }

    private void reportProblems(ComposedSchema composed) {
        for (CompositionProblem problem : composed.problems()) {
            if (reportedProblems.add(problem.toString())) {
                LOG.warn("left out of the schema: {}", problem);
            }
        }
    }

    private record Waiter(long version, CompletableFuture<ComposedSchema> future) {
    }

    /**
     * A schema that went live and the registry snapshot it was composed from.
     *
     * @param snapshot the ports the schema serves, with their live Arrow schemas
     * @param schema   the composed schema
     */
    public record Live(RegistrySnapshot snapshot, ComposedSchema schema) {

        public Live {
            requireNonNull(snapshot, "snapshot is null");
            requireNonNull(schema, "schema is null");
        }
    }
}
