package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.ReloadSchemaIndicator;
import io.portico.gateway.registry.SchemaInstaller;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Installs composed schemas through DGS's reloadable GraphQL source ({@code ReloadableGraphQLSource}).
 *
 * <p>DGS asks its {@link ReloadSchemaIndicator} on every request whether to rebuild. This indicator says yes only
 * to the thread inside {@link #install}, which is the {@code SchemaReloader}'s single thread: request threads
 * always get the last built source and never build. The build re-runs {@link PorticoSchemaDefinitions}, which
 * reads the schema being installed from {@link #target()}. DGS keeps the built source in a plain field; what a
 * request thread reads from it is either the previous or the new source, both complete, since spring-graphql's
 * source and graphql-java's {@code GraphQL} publish only final fields.
 */
public final class DgsSchemaInstaller implements SchemaInstaller, ReloadSchemaIndicator {

    private static final Target EMPTY = new Target(RegistrySnapshot.empty(), SchemaComposer.compose(RegistrySnapshot.empty()));

    private final ObjectProvider<GraphQlSource> graphQlSource;
    private volatile Thread installingThread;
    private volatile Target target = EMPTY;

    /** @param graphQlSource DGS's source, looked up lazily: it depends on this indicator */
    public DgsSchemaInstaller(ObjectProvider<GraphQlSource> graphQlSource) {
        this.graphQlSource = requireNonNull(graphQlSource, "graphQlSource is null");
    }

    @Override
    public boolean reloadSchema() {
        return Thread.currentThread() == installingThread;
    }

    @Override
    public synchronized void install(RegistrySnapshot snapshot, ComposedSchema schema) {
        Target previous = target;
        target = new Target(snapshot, schema);
        installingThread = Thread.currentThread();
        try {
            graphQlSource.getObject().graphQl();
        } catch (RuntimeException | LinkageError e) {
            target = previous;
            throw e;
        } finally {
            installingThread = null;
        }
    }

    /** The schema being installed, or the last one installed; an empty schema before the first install. */
    Target target() {
        return target;
    }

    /** A composed schema and the snapshot it came from. */
    record Target(RegistrySnapshot snapshot, ComposedSchema schema) {

        Target {
            requireNonNull(snapshot, "snapshot is null");
            requireNonNull(schema, "schema is null");
        }
    }
}
