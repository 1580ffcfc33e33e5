package io.portico.gateway.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.port.PortFailure;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

/**
 * Turns every exception a data fetcher throws into a GraphQL error at the field's path with
 * {@code extensions.code}: a {@link PorticoException} keeps its code and message (written for the user), a
 * {@link PortFailure} adds the port's id ({@code extensions.port}); anything
 * else is {@code INTERNAL} with a message that names the field and a reference to the logged stack trace, which
 * never reaches the client.
 */
public final class PorticoExceptionResolver extends DataFetcherExceptionResolverAdapter {

    /** The key of the error code in a GraphQL error's extensions. */
    public static final String CODE = "code";
    /** The key of the failed port's id in a GraphQL error's extensions (errors of a port call only). */
    public static final String PORT = "port";

    private static final Logger LOG = LoggerFactory.getLogger(PorticoExceptionResolver.class);

    public PorticoExceptionResolver() {
        setThreadLocalContextAware(false);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception, DataFetchingEnvironment environment) {
        Throwable failure = unwrap(exception);
        if (failure instanceof PorticoException portico) {
            if (portico.code() == ErrorCode.INTERNAL) {
                LOG.error("internal error at {}: {}", environment.getExecutionStepInfo().getPath(),
                        portico.getMessage(), portico);
            }
            if (portico instanceof PortFailure port) {
                return error(environment, port.code(), port.getMessage(), Map.of(PORT, port.portId()));
            }
            return error(environment, portico.code(), portico.getMessage());
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error at {} (reference {})", environment.getExecutionStepInfo().getPath(), reference,
                failure);
        return error(environment, ErrorCode.INTERNAL, "the gateway failed to resolve "
                + environment.getExecutionStepInfo().getPath() + " (" + failure.getClass().getSimpleName()
                + "). This is a bug in Portico; report it with the reference " + reference + ".");
    }

    static GraphQLError error(DataFetchingEnvironment environment, ErrorCode code, String message) {
        return error(environment, code, message, Map.of());
    }

    private static GraphQLError error(DataFetchingEnvironment environment, ErrorCode code, String message,
            Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(CODE, code.name());
        extensions.putAll(more);
        return GraphqlErrorBuilder.newError(environment)
                .errorType(classification(code))
                .message(message)
                .extensions(extensions)
                .build();
    }

    /** The graphql-java classification closest to a Portico error code. */
    static ErrorClassification classification(ErrorCode code) {
        return switch (code) {
            case GRAPHQL_PARSE_FAILED -> ErrorType.InvalidSyntax;
            case GRAPHQL_VALIDATION_FAILED -> ErrorType.ValidationError;
            default -> ErrorType.DataFetchingException;
        };
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable failure = exception;
        while ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
