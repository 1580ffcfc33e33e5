package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.security.SubjectGraphQlInterceptor;
import io.portico.gateway.tracing.RequestIds;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditOperation;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSink;
import io.portico.policies.audit.AuditSubject;
import io.portico.schema.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Begins each GraphQL request's {@link RequestPolicy} (the subject and the policy set in force, pinned for the
 * whole request) and, when the response is ready, records the request's one {@link AuditEvent}: who, which
 * operation (name and hash of its signature, see {@link AuditOperationInstrumentation}), the decisions on every
 * field of every dataset read with the rules behind them, the row filters, the rows returned, the duration and the
 * outcome with its error codes.
 */
public final class PolicyGraphQlInterceptor implements WebGraphQlInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyGraphQlInterceptor.class);
    private static final String PATH = "graphql";
    private static final Set<String> REFUSALS = Set.of(ErrorCode.GRAPHQL_PARSE_FAILED.name(),
            ErrorCode.GRAPHQL_VALIDATION_FAILED.name(), ErrorCode.BAD_USER_INPUT.name(), ErrorCode.FORBIDDEN.name(),
            ErrorCode.PUSHDOWN_UNSUPPORTED.name());

    private final QueryPolicies policies;
    private final AuditSink audit;
    private final Clock clock;

    public PolicyGraphQlInterceptor(QueryPolicies policies, AuditSink audit, Clock clock) {
        this.policies = requireNonNull(policies, "policies is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        Subject subject = SubjectGraphQlInterceptor.subjectOf(request);
        RequestPolicy policy = policies.begin(subject);
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(RequestPolicy.CONTEXT_KEY, policy);
            return input;
        });
        return chain.next(request).doOnNext(response -> record(request, response.getExecutionResult(), policy,
                started, Duration.ofNanos(System.nanoTime() - startedNanos)));
    }

    private void record(WebGraphQlRequest request, ExecutionResult result, RequestPolicy policy, Instant started,
            Duration duration) {
        try {
            List<String> codes = new ArrayList<>();
            for (GraphQLError error : result.getErrors()) {
                Map<String, Object> extensions = error.getExtensions();
                Object code = extensions == null ? null : extensions.get("code");
                codes.add(code == null ? ErrorCode.INTERNAL.name() : code.toString());
            }
            audit.record(new AuditEvent(started, request.getId(), traceIdOf(request), AuditSubject.of(policy.subject()),
                    operation(request, policy), PATH, policy.datasetsRead(), duration, outcome(result, codes, policy), codes));
        } catch (RuntimeException e) {
            LOG.error("could not record the audit event of request {}", request.getId(), e);
        }
    }

    private static String traceIdOf(WebGraphQlRequest request) {
        return request.getAttributes().get(RequestIds.TRACE_ID_ATTRIBUTE) instanceof String traceId ? traceId : null;
    }

    /**
     * The operation as {@link AuditOperationInstrumentation} named it from the parsed document. A request that
     * stopped before validation (a syntax error, a parser or shape limit) is named here: its document parsed once
     * more if it can be, else the hash of its text (an identity that holds no value).
     */
    private static AuditOperation operation(WebGraphQlRequest request, RequestPolicy policy) {
        Optional<AuditOperation> named = policy.operation();
        if (named.isEmpty()) {
            named = parsed(request);
        }
        return named.orElseGet(() -> AuditOperation.of(request.getOperationName(), request.getDocument()));
    }

    private static Optional<AuditOperation> parsed(WebGraphQlRequest request) {
        try {
            return AuditOperationInstrumentation.operation(Parser.parse(request.getDocument()),
                    request.getOperationName());
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** OK without errors; REFUSED when every error is a refusal and no dataset was read; else PARTIAL or ERROR. */
    private static AuditOutcome outcome(ExecutionResult result, List<String> codes, RequestPolicy policy) {
        if (codes.isEmpty()) {
            return AuditOutcome.OK;
        }
        if (codes.stream().allMatch(REFUSALS::contains) && policy.datasetsRead().isEmpty()) {
            return AuditOutcome.REFUSED;
        }
        return result.isDataPresent() && result.getData() != null ? AuditOutcome.PARTIAL : AuditOutcome.ERROR;
    }
}
