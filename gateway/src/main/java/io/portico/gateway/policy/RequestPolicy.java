package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.security.CurrentSubject;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditOperation;
import io.portico.policies.store.LoadedPolicySet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The policy of one GraphQL request: who asks, the policy set pinned when the request started, and what the
 * request read (for its audit event). Lives in the request's {@link GraphQLContext}; data fetchers of several
 * threads share it.
 */
public final class RequestPolicy {

    /** The GraphQL context key of the request's policy. */
    public static final String CONTEXT_KEY = RequestPolicy.class.getName();

    private final Subject subject;
    private final LoadedPolicySet policies;
    private final QueryPolicies engine;
    private final Queue<AuditDataset> read = new ConcurrentLinkedQueue<>();
    private volatile AuditOperation operation;

    RequestPolicy(Subject subject, LoadedPolicySet policies, QueryPolicies engine) {
        this.subject = requireNonNull(subject, "subject is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * The policy of the request {@code environment} belongs to: the one the HTTP layer put in its context, else
     * one begun now for the subject in the context (or the anonymous subject), and kept there for the rest of the
     * request. Never a request without policy.
     */
    public static RequestPolicy of(DataFetchingEnvironment environment, QueryPolicies engine) {
        GraphQLContext context = environment.getGraphQlContext();
        return context.computeIfAbsent(CONTEXT_KEY, key -> engine.begin(CurrentSubject.of(environment)));
    }

    /** What the subject may see of a dataset, under the pinned policy set. */
    public DatasetAccess access(DatasetPolicyTarget target) {
        return new DatasetAccess(target,
                engine.decide(subject, target.snapshot(), policies).dataset(target.datasetUrn()), engine.hashKey());
    }

    public Subject subject() {
        return subject;
    }

    /** The policy set this request is answered under. */
    public LoadedPolicySet policies() {
        return policies;
    }

    /** Records the request's operation as its audit event names it (from the parsed document). */
    public void recordOperation(AuditOperation operation) {
        this.operation = operation;
    }

    /** The request's operation, once its document was parsed; empty for a document that did not parse. */
    public Optional<AuditOperation> operation() {
        return Optional.ofNullable(operation);
    }

    /** Records that the request read a dataset, for its audit event. */
    public void recordRead(AuditDataset dataset) {
        read.add(requireNonNull(dataset, "dataset is null"));
    }

    /** The datasets read so far, in the order they were read. */
    public List<AuditDataset> datasetsRead() {
        return List.copyOf(read);
    }
}
