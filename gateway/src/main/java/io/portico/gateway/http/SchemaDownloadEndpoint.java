package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;
import io.portico.gateway.persisted.PersistedQueries;
import io.portico.gateway.persisted.PersistedQueryMode;
import io.portico.schema.error.ErrorCode;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /graphql/schema.graphql} (the GraphQL path followed by {@code /schema.graphql}): the schema the gateway
 * serves right now, as SDL in {@code text/plain; charset=UTF-8}, for client code generators
 * ({@code ./portico schema} downloads it). It is the executable schema itself (the composed schema of every
 * registered port and the gateway's own catalog and registration types), printed with graphql-java's
 * {@link SchemaPrinter}, which leaves out whatever the schema's field visibility hides.
 *
 * <p>Everyone is sent the same text: the schema does not depend on who asks (policies withhold values at run time,
 * never fields from the schema), exactly as introspection answers everyone alike. Where introspection is refused,
 * so is this download: in allow-list mode ({@code portico.graphql.persisted-queries.mode=allow-list}) and when the
 * schema's field visibility disables introspection, the answer is 403 {@code FORBIDDEN}.
 *
 * <p>Caching: a strong {@code ETag} over the bytes with {@code Cache-Control: no-cache}, so a client revalidates and
 * gets 304 while no registration changed the schema. The text is printed once per installed schema.
 */
public final class SchemaDownloadEndpoint {

    /** Where the SDL is served, after the GraphQL path. */
    public static final String SUFFIX = "/schema.graphql";

    private static final MediaType SDL = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);
    /**
     * Prints the schema without introspection types and without definitions of the directives graphql-java builds in
     * ({@code @skip}, {@code @include}, {@code @deprecated}, {@code @specifiedBy}, {@code @oneOf} and its experimental
     * ones), as SDL files usually are: GraphQL tools know them already.
     */
    private static final SchemaPrinter PRINTER = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
            .includeDirectiveDefinition(name -> !DirectiveInfo.isGraphqlSpecifiedDirective(name))
            .includeScalarTypes(true)
            .includeSchemaDefinition(false)
            .includeIntrospectionTypes(false));

    private final ObjectProvider<GraphQlSource> graphQlSource;
    private final PersistedQueries persistedQueries;
    private final AtomicReference<Printed> lastPrinted = new AtomicReference<>();

    /** @param graphQlSource the source requests are executed with, looked up on each request */
    public SchemaDownloadEndpoint(ObjectProvider<GraphQlSource> graphQlSource, PersistedQueries persistedQueries) {
        this.graphQlSource = requireNonNull(graphQlSource, "graphQlSource is null");
        this.persistedQueries = requireNonNull(persistedQueries, "persistedQueries is null");
    }

    public ServerResponse get(ServerRequest request) {
        GraphQLSchema schema = graphQlSource.getObject().schema();
        if (persistedQueries.mode() == PersistedQueryMode.ALLOW_LIST
                || schema.getCodeRegistry().getFieldVisibility() instanceof NoIntrospectionGraphqlFieldVisibility) {
            return ServerResponse.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(GraphQlErrors.body(ErrorCode.FORBIDDEN, "this gateway does not publish its schema:"
                            + " introspection is off or only the operations of its persisted-query manifest run"
                            + " (allow-list mode); take the schema from the environment the manifest was built in"));
        }
        Printed printed = printed(schema);
        if (EntityTags.matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), printed.tag())) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .cacheControl(CacheControl.noCache())
                    .eTag(printed.tag())
                    .build();
        }
        return ServerResponse.ok()
                .cacheControl(CacheControl.noCache())
                .eTag(printed.tag())
                .contentType(SDL)
                .contentLength(printed.bytes().length)
                .build((servletRequest, servletResponse) -> {
                    servletResponse.getOutputStream().write(printed.bytes());
                    return null;
                });
    }

    /**
     * The SDL of {@code schema}, printed once per schema instance (a new one is built per registration); the schema
     * is held weakly, so a replaced one is not kept alive by its text.
     */
    private Printed printed(GraphQLSchema schema) {
        Printed last = lastPrinted.get();
        if (last != null && last.schema().get() == schema) {
            return last;
        }
        byte[] bytes = PRINTER.print(schema).getBytes(StandardCharsets.UTF_8);
        Printed printed = new Printed(new WeakReference<>(schema), bytes, EntityTags.of(SDL, bytes));
        lastPrinted.set(printed);
        return printed;
    }

    private record Printed(WeakReference<GraphQLSchema> schema, byte[] bytes, String tag) {
    }
}
