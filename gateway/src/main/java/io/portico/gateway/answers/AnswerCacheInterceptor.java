package io.portico.gateway.answers;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.schema.GraphQLSchema;
import io.opentelemetry.api.trace.Span;
import io.portico.gateway.http.GraphQlJsonWriter;
import io.portico.gateway.http.RawJson;
import io.portico.gateway.policy.RequestPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Answers a GraphQL request with a whole answer kept for the same {@link AnswerKey}, without parsing, planning,
 * reading or writing anything; keeps each answer {@link KeepableAnswers} allows.
 *
 * <p>It runs right after the policy interceptor (whose request policy it reads from the execution input the
 * interceptors configured so far make), so a request answered whole is still a request of its subject
 * under its pinned policy set: its {@link RequestPolicy} gets the kept answer's datasets, decisions and operation
 * ({@link RequestPolicy#replay}), and the policy interceptor audits it as the request that made the answer was
 * audited (the usage report and the request meters read that event); its HTTP {@code Cache-Control} is computed
 * from the same datasets. What a kept answer skips depends on nothing but its key: the document's parse,
 * validation and limits (the document, operation name and variables are the key's, exactly), the policy decisions
 * (the subject and the policy set object are the key's), the schema (the very schema object is the key's), the
 * data (valid only while each port answer it was made of is still the one the result cache serves, so an expiry,
 * an invalidation on any replica or a re-registration ends it).
 */
public final class AnswerCacheInterceptor implements WebGraphQlInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCacheInterceptor.class);

    private final AnswerCache cache;
    private final ObjectProvider<GraphQlSource> graphQlSource;
    private final GraphQlJsonWriter writer;

    public AnswerCacheInterceptor(AnswerCache cache, ObjectProvider<GraphQlSource> graphQlSource,
            GraphQlJsonWriter writer) {
        this.cache = requireNonNull(cache, "cache is null");
        this.graphQlSource = requireNonNull(graphQlSource, "graphQlSource is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request.getDocument() == null) {
            return chain.next(request);
        }
        ExecutionInput input = request.toExecutionInput();
        if (!(input.getGraphQLContext().get(RequestPolicy.CONTEXT_KEY) instanceof RequestPolicy policy)) {
            return chain.next(request);
        }
        AnswerKey key = new AnswerKey(graphQlSource.getObject().schema(), policy.policies(), policy.subject(),
                request.getDocument(), request.getOperationName(), request.getVariables());
        KeptAnswer kept = cache.get(key);
        if (kept != null) {
            policy.replay(kept.datasetsRead(), kept.datasetsConsulted(), kept.operation());
            Span.current().setAttribute("portico.answer.cache.hit", true);
            ExecutionResult result = ExecutionResultImpl.newExecutionResult()
                    .data(new RawJson(kept.dataJson())).build();
            return Mono.just(new WebGraphQlResponse(
                    new DefaultExecutionGraphQlResponse(input, result)));
        }
        return chain.next(request).doOnNext(response -> keepIfAllowed(key, policy, response));
    }

    private void keepIfAllowed(AnswerKey key, RequestPolicy policy, WebGraphQlResponse response) {
        try {
            ExecutionResult result = response.getExecutionResult();
            GraphQLSchema current = graphQlSource.getObject().schema();
            if (current != key.schema() || !KeepableAnswers.keepable(key, policy, result)) {
                return;
            }
            Map<String, Object> data = result.getData();
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            writer.write(data, json);
            cache.keep(key, new KeptAnswer(json.toString(StandardCharsets.UTF_8), policy.datasetsRead(),
                    policy.datasetsConsulted(), policy.operation().orElseThrow(), policy.cachedReads().sources()));
        } catch (RuntimeException e) {
            LOG.warn("could not keep a GraphQL answer whole; it was sent as it was", e);
        }
    }
}
