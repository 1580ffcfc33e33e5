package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Hands a snapshot to the {@link SchemaReloader} and waits, at most the install timeout, until its schema serves. */
final class SchemaWait {

    private final SchemaReloader reloader;
    private final Duration installTimeout;

    SchemaWait(SchemaReloader reloader, Duration installTimeout) {
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.installTimeout = requireNonNull(installTimeout, "installTimeout is null");
    }

    /**
     * @return the schema of {@code snapshot} (or a newer one), serving requests
     * @throws PorticoException {@code INTERNAL} when interrupted, when the schema does not go live in time (it is
     *                          still installed later) or when building it failed (the previous one keeps serving)
     */
    ComposedSchema awaitInstalled(RegistrySnapshot snapshot) {
        CompletableFuture<ComposedSchema> installed = reloader.submit(snapshot);
        try {
            return installed.get(installTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PorticoException(ErrorCode.INTERNAL, "interrupted while waiting for the new schema", e);
        } catch (TimeoutException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "the schema of registry version " + snapshot.version()
                    + " did not go live within " + installTimeout + "; it will still be installed", e);
        } catch (ExecutionException e) {
            throw new PorticoException(ErrorCode.INTERNAL, "building the schema of registry version "
                    + snapshot.version() + " failed (" + e.getCause().getMessage()
                    + "); the previous schema keeps serving; see the gateway log", e.getCause());
        }
    }
}
