package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionResult;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.schema.compose.RegistrySnapshot;
import java.time.Duration;
import java.util.Map;
import org.springframework.graphql.ExecutionGraphQlResponse;

/**
 * The {@code Cache-Control} of a GraphQL answer to GET, from what the answer read and who asked:
 *
 * <ul>
 *   <li>{@code no-store} for an answer with any error (partial data included), and when a dataset it read may not
 *       be reused (its port's contract states a freshness under one second, or states none and
 *       {@code portico.http.caching.default-max-age} is 0);</li>
 *   <li>else {@code max-age} = the smallest freshness among the datasets the answer depends on
 *       ({@link RequestPolicy#datasetsConsulted()}: every dataset read, and every dataset a row filter follows),
 *       each its port contract's {@code freshness} (SLA property {@code freshness}, else {@code latency}), else
 *       the configured default;</li>
 *   <li>{@code no-cache} (stored, revalidated with its {@code ETag} on every use) for an answer that read no
 *       dataset, such as {@code { schemaVersion }} or the catalog: those change with the registry, not with a
 *       port's data, and a revalidation costs no port call;</li>
 *   <li>{@code private} whenever the request was authenticated (a bearer token sent): what it sees depends on its
 *       roles and claims (policies, masks, row filters, the catalog's addresses), so no shared cache may hand it
 *       to anyone else. {@code public} only for an anonymous request, whose answer every caller can get by asking
 *       without a token.</li>
 * </ul>
 */
final class AnswerCacheControl {

    static final String NO_STORE = "no-store";

    private final DatasetFreshness freshness = new DatasetFreshness();
    private final Duration defaultMaxAge;

    AnswerCacheControl(Duration defaultMaxAge) {
        this.defaultMaxAge = requireNonNull(defaultMaxAge, "defaultMaxAge is null");
    }

    /**
     * The {@code Cache-Control} of an executed answer to GET.
     *
     * @param authorizationSent whether the request carried an {@code Authorization} header
     */
    String of(ExecutionGraphQlResponse response, boolean authorizationSent) {
        ExecutionResult result = response.getExecutionResult();
        if (!result.getErrors().isEmpty() || !result.isDataPresent()) {
            return NO_STORE;
        }
        RequestPolicy policy = response.getExecutionInput().getGraphQLContext().get(RequestPolicy.CONTEXT_KEY);
        if (policy == null) {
            return NO_STORE;
        }
        String scope = authorizationSent || !policy.subject().isAnonymous() ? "private" : "public";
        Map<String, RegistrySnapshot> consulted = policy.datasetsConsulted();
        if (consulted.isEmpty()) {
            return scope + ", no-cache";
        }
        long seconds = maxAge(consulted).toSeconds();
        return seconds < 1 ? NO_STORE : scope + ", max-age=" + seconds;
    }

    /** The smallest freshness of the datasets (by URN, with their snapshot), each its contract's or the default. */
    Duration maxAge(Map<String, RegistrySnapshot> datasets) {
        Duration maxAge = null;
        for (Map.Entry<String, RegistrySnapshot> dataset : datasets.entrySet()) {
            Duration stated = freshness.of(dataset.getValue(), dataset.getKey()).orElse(defaultMaxAge);
            maxAge = maxAge == null || stated.compareTo(maxAge) < 0 ? stated : maxAge;
        }
        return maxAge == null ? defaultMaxAge : maxAge;
    }
}
