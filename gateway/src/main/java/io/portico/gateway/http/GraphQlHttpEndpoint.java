package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.portico.gateway.limits.Limit;
import io.portico.gateway.limits.QueryLimitErrors;
import io.portico.gateway.limits.QueryLimits;
import io.portico.gateway.limits.RequestBodyLimit;
import io.portico.gateway.limits.RequestBodyLimit.BodyTooLargeException;
import io.portico.gateway.persisted.PersistedQueries;
import io.portico.gateway.persisted.PersistedQueries.Refused;
import io.portico.gateway.persisted.PersistedQueries.Resolution;
import io.portico.gateway.persisted.PersistedQueries.Run;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.schema.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP at the GraphQL path, per the GraphQL-over-HTTP specification: {@code POST} with a JSON body
 * and {@code GET} with query parameters (queries only; a mutation over {@code GET} is answered 405).
 *
 * <p>Status codes: a request that is not well-formed (malformed JSON, no {@code query}, a {@code variables} that
 * is not an object) is 400 in either media type. A request that is well-formed but fails before execution
 * (parse, validation, variable coercion) is 400 with {@code application/graphql-response+json} and 200 with
 * {@code application/json}. A request that executed is 200, with partial data and field errors when some
 * fields failed. Every error carries {@code extensions.code}; no response is a bare 500. A POST body over
 * {@code portico.limits.max-body-size} is 413 ({@code QUERY_LIMIT_EXCEEDED}), refused on its {@code Content-Length}
 * or after reading that much, never read whole.
 *
 * <p>Persisted queries: the request's {@code query} and {@code extensions.persistedQuery} are resolved by
 * {@link PersistedQueries} before anything is parsed (APQ, allow-list or off); a refusal is answered at once, and an
 * APQ document sent with its hash is registered once it ran.
 *
 * <p>HTTP caching: every answer to POST, and every answer to GET that is not a 200 without errors, is
 * {@code Cache-Control: no-store}. A GET answer is {@code Cache-Control} as {@link AnswerCacheControl} decides, with
 * {@code Vary: Authorization, Accept}; unless {@code no-store}, it is buffered and carries a strong {@code ETag}
 * ({@link EntityTags}), and a request whose {@code If-None-Match} names it is answered 304 without a body.
 */
public final class GraphQlHttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlHttpEndpoint.class);

    private static final String QUERY = "query";
    private static final String OPERATION_NAME = "operationName";
    private static final String VARIABLES = "variables";
    private static final String EXTENSIONS = "extensions";
    private static final Duration ASYNC_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final WebGraphQlHandler handler;
    private final ObjectReader jsonReader;
    private final GraphQlJsonWriter writer;
    private final RequestBodyLimit bodyLimit;
    private final Duration asyncTimeout;
    private final PersistedQueries persistedQueries;
    private final AnswerCacheControl caching;
    private final GatewayTracing tracing;

    /**
     * @param limits the body size limit of a POST, and the request deadline (the servlet's asynchronous timeout
     *               is a little longer, so the deadline's partial answer is what the client gets)
     */
    public GraphQlHttpEndpoint(WebGraphQlHandler handler, JsonMapper json, QueryLimits limits,
            PersistedQueries persistedQueries, HttpCachingProperties caching) {
        this(handler, json, limits, persistedQueries, caching, GatewayTracing.OFF);
    }

    /** @param tracing makes the {@code json write} span of each answer */
    public GraphQlHttpEndpoint(WebGraphQlHandler handler, JsonMapper json, QueryLimits limits,
            PersistedQueries persistedQueries, HttpCachingProperties caching, GatewayTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.persistedQueries = requireNonNull(persistedQueries, "persistedQueries is null");
        this.caching = new AnswerCacheControl(caching.defaultMaxAge());
        this.bodyLimit = new RequestBodyLimit(limits.maxBodySize());
        this.asyncTimeout = limits.requestTimeout().plus(ASYNC_TIMEOUT_MARGIN);
        this.writer = new GraphQlJsonWriter(json);
        this.jsonReader = json.readerFor(Object.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** {@code POST}: the request is the JSON body. */
    public ServerResponse post(ServerRequest request) {
        Optional<MediaType> responseType = GraphQlMediaTypes.responseType(request.headers().firstHeader(HttpHeaders.ACCEPT));
        if (responseType.isEmpty()) {
            return notAcceptable();
        }
        MediaType type = responseType.get();
        MediaType contentType;
        try {
            contentType = request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException e) {
            contentType = null;
        }
        if (contentType == null || !GraphQlMediaTypes.readable(contentType)) {
            return requestError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, type, "a GraphQL POST needs the header"
                    + " 'Content-Type: application/json' and a JSON body {\"query\": \"...\", \"variables\": {...}}");
        }
        Object body;
        try {
            byte[] bytes = bodyLimit.read(request.servletRequest().getInputStream(),
                    request.servletRequest().getContentLengthLong());
            body = bytes.length == 0 ? null : jsonReader.readValue(bytes);
        } catch (BodyTooLargeException e) {
            return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .cacheControl(CacheControl.noStore())
                    .contentType(type)
                    .body(GraphQlErrors.body(ErrorCode.QUERY_LIMIT_EXCEEDED, e.getMessage(),
                            Map.of(QueryLimitErrors.LIMIT, Limit.BODY_SIZE.property(),
                                    QueryLimitErrors.MAXIMUM, e.maxBytes())));
        } catch (JacksonException e) {
            return badRequest(type, "the request body is not valid JSON (" + e.getOriginalMessage()
                    + "); send {\"query\": \"...\", \"variables\": {...}}");
        } catch (IOException e) {
            return badRequest(type, "the request body could not be read: " + e.getMessage());
        }
        if (!(body instanceof Map<?, ?> fields)) {
            return badRequest(type, "the request body must be a JSON object {\"query\": \"...\", \"variables\": {...}}");
        }
        return execute(request, type, stringKeys(fields), false);
    }

    /** {@code GET}: the request is in the query parameters; {@code variables} and {@code extensions} are JSON. */
    public ServerResponse get(ServerRequest request) {
        Optional<MediaType> responseType = GraphQlMediaTypes.responseType(request.headers().firstHeader(HttpHeaders.ACCEPT));
        if (responseType.isEmpty()) {
            return notAcceptable();
        }
        MediaType type = responseType.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(QUERY, request.param(QUERY).orElse(null));
        body.put(OPERATION_NAME, request.param(OPERATION_NAME).filter(name -> !name.isEmpty()).orElse(null));
        for (String jsonParameter : List.of(VARIABLES, EXTENSIONS)) {
            Optional<String> text = request.param(jsonParameter).filter(value -> !value.isBlank());
            if (text.isEmpty()) {
                continue;
            }
            try {
                body.put(jsonParameter, jsonReader.readValue(text.get()));
            } catch (JacksonException e) {
                return badRequest(type, "the '" + jsonParameter + "' parameter is not valid JSON ("
                        + e.getOriginalMessage() + "); pass a URL-encoded JSON object");
            }
        }
        return execute(request, type, body, true);
    }

    /** Any other method. */
    public ServerResponse methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.GET, HttpMethod.POST)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(GraphQlErrors.body(ErrorCode.BAD_REQUEST, "the GraphQL endpoint accepts GET (queries) and POST"));
    }

    private ServerResponse execute(ServerRequest request, MediaType type, Map<String, Object> body, boolean get) {
        Object query = body.get(QUERY);
        if (query != null && !(query instanceof String)) {
            return badRequest(type, "the request has no 'query'; pass the GraphQL document as a string in 'query'");
        }
        Object operationName = body.get(OPERATION_NAME);
        if (operationName != null && !(operationName instanceof String)) {
            return badRequest(type, "'operationName' must be a string or null");
        }
        for (String key : List.of(VARIABLES, EXTENSIONS)) {
            Object value = body.get(key);
            if (value != null && !(value instanceof Map)) {
                return badRequest(type, "'" + key + "' must be a JSON object or null");
            }
        }
        @SuppressWarnings("unchecked")
        Resolution resolution = persistedQueries.resolve(query == null || ((String) query).isBlank() ? null
                : (String) query, (Map<String, Object>) body.get(EXTENSIONS));
        if (resolution instanceof Refused refused) {
            return ServerResponse.status(refused.httpStatus())
                    .cacheControl(CacheControl.noStore())
                    .contentType(type)
                    .body(GraphQlErrors.body(refused.code(), refused.message()));
        }
        Run run = (Run) resolution;
        String document = run.document();
        if (document == null || document.isBlank()) {
            return badRequest(type, "the request has no 'query'; pass the GraphQL document as a string in 'query'");
        }
        if (get && isMutation(document, (String) operationName)) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .allow(HttpMethod.POST)
                    .cacheControl(CacheControl.noStore())
                    .contentType(type)
                    .body(GraphQlErrors.body(ErrorCode.BAD_REQUEST,
                            "mutations and subscriptions are not accepted over GET; send them with POST"));
        }
        body.put(QUERY, document);
        boolean authorizationSent = !request.headers().header(HttpHeaders.AUTHORIZATION).isEmpty();
        List<String> ifNoneMatch = request.headers().header(HttpHeaders.IF_NONE_MATCH);
        WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                null, request.remoteAddress().map(InetSocketAddress.class::cast).orElse(null),
                request.attributes(), body, RequestIdFilter.requestIdOf(request.servletRequest()),
                LocaleContextHolder.getLocale());
        Context trace = tracing.enabled() ? Context.current() : null;
        return ServerResponse.async(handler.handleRequest(graphQlRequest)
                .map(response -> {
                    if (response.getExecutionResult().isDataPresent()) {
                        persistedQueries.register(run);
                    }
                    return get ? renderGet(response, type, authorizationSent, ifNoneMatch, trace)
                            : render(response, type, trace);
                })
                .onErrorResume(failure -> reactor.core.publisher.Mono.just(internalError(type, failure)))
                .toFuture(), asyncTimeout);
    }

    private ServerResponse render(WebGraphQlResponse response, MediaType type, Context trace) {
        return ServerResponse.status(status(response, type))
                .headers(headers -> headers.putAll(response.getResponseHeaders()))
                .cacheControl(CacheControl.noStore())
                .contentType(type)
                .build((servletRequest, servletResponse) -> {
                    writeJson(response.toMap(), servletResponse.getOutputStream(), trace);
                    return null;
                });
    }

    /**
     * An answer to GET: {@code no-store} and streamed unless it may be cached; else buffered, tagged, and answered
     * 304 when the client holds it already.
     */
    private ServerResponse renderGet(WebGraphQlResponse response, MediaType type, boolean authorizationSent,
            List<String> ifNoneMatch, Context trace) {
        HttpStatus status = status(response, type);
        String cacheControl = status == HttpStatus.OK ? caching.of(response, authorizationSent)
                : AnswerCacheControl.NO_STORE;
        if (cacheControl.equals(AnswerCacheControl.NO_STORE)) {
            return render(response, type, trace);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeJson(response.toMap(), buffer, trace);
        byte[] bytes = buffer.toByteArray();
        String tag = EntityTags.of(type, bytes);
        if (EntityTags.matches(ifNoneMatch, tag)) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .headers(headers -> cachingHeaders(headers, cacheControl, tag))
                    .build();
        }
        return ServerResponse.status(status)
                .headers(headers -> headers.putAll(response.getResponseHeaders()))
                .headers(headers -> cachingHeaders(headers, cacheControl, tag))
                .contentType(type)
                .contentLength(bytes.length)
                .build((servletRequest, servletResponse) -> {
                    servletResponse.getOutputStream().write(bytes);
                    return null;
                });
    }

    /** The answer as JSON, in a {@code json write} span under the request's when tracing ({@code trace} not null). */
    private void writeJson(Map<String, Object> response, java.io.OutputStream output, Context trace) {
        if (trace == null) {
            writer.write(response, output);
            return;
        }
        Span span = tracing.start("json write", trace);
        try {
            writer.write(response, output);
        } catch (RuntimeException e) {
            GatewayTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static void cachingHeaders(HttpHeaders headers, String cacheControl, String tag) {
        headers.setCacheControl(cacheControl);
        headers.setETag(tag);
        headers.setVary(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT));
    }

    private static HttpStatus status(WebGraphQlResponse response, MediaType type) {
        boolean requestError = !response.getExecutionResult().isDataPresent();
        return requestError && type.equals(GraphQlMediaTypes.GRAPHQL_RESPONSE) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
    }

    private static ServerResponse internalError(MediaType type, Throwable failure) {
        LOG.error("GraphQL request failed outside of execution", failure);
        return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .cacheControl(CacheControl.noStore())
                .contentType(type)
                .body(GraphQlErrors.body(ErrorCode.INTERNAL, "the gateway failed to handle the request ("
                        + failure.getClass().getSimpleName() + "); this is a bug in Portico, see the gateway log"));
    }

    private static boolean isMutation(String document, String operationName) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return false;
        } catch (RuntimeException e) {
            return false;
        }
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            boolean selected = operationName == null ? operations.size() == 1 : operationName.equals(operation.getName());
            if (selected) {
                return operation.getOperation() != OperationDefinition.Operation.QUERY;
            }
        }
        return false;
    }

    private static ServerResponse badRequest(MediaType type, String message) {
        return requestError(HttpStatus.BAD_REQUEST, type, message);
    }

    private static ServerResponse requestError(HttpStatus status, MediaType type, String message) {
        return ServerResponse.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(type)
                .body(GraphQlErrors.body(ErrorCode.BAD_REQUEST, message));
    }

    private static ServerResponse notAcceptable() {
        return ServerResponse.status(HttpStatus.NOT_ACCEPTABLE)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(GraphQlErrors.body(ErrorCode.BAD_REQUEST, "the GraphQL endpoint answers"
                        + " application/graphql-response+json or application/json; accept one of them"));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        fields.forEach((key, value) -> body.put(String.valueOf(key), value));
        return body;
    }
}
