package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.CachedReads;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditOperation;
import io.portico.policies.decision.DatasetDecisions;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The policy of one request, whatever front door it came through: who asks, the policy set pinned when the request
 * started, and what the request read (for its audit event, which the front door emits once its answer is complete).
 * A GraphQL request keeps it in its context under {@link #CONTEXT_KEY}; reads on several threads share it.
 */
public final class RequestPolicy {

    /** The GraphQL context key of the request's policy. */
    public static final String CONTEXT_KEY = RequestPolicy.class.getName();

    private final Subject subject;
    private final LoadedPolicySet policies;
    private final QueryPolicies engine;
    private final Queue<AuditDataset> read = new ConcurrentLinkedQueue<>();
    private final Map<String, RegistrySnapshot> consulted = new ConcurrentHashMap<>();
    private final CachedReads cachedReads = new CachedReads();
    private volatile AuditOperation operation;
    private volatile boolean followsRelationships;

    RequestPolicy(Subject subject, LoadedPolicySet policies, QueryPolicies engine) {
        this.subject = requireNonNull(subject, "subject is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** What the subject may see of a dataset, under the pinned policy set. */
    public DatasetAccess access(DatasetPolicyTarget target) {
        DatasetDecisions decisions = engine.decide(subject, target.snapshot(), policies).dataset(target.datasetUrn());
        consulted.put(target.datasetUrn(), target.snapshot());
        recordFollowed(decisions.rowFilter(), target.snapshot());
        return new DatasetAccess(target, decisions, engine.hashKey());
    }

    /**
     * Every dataset the request's answer may depend on so far, by URN, with the registry snapshot its access was
     * decided against: each dataset whose access was asked for ({@link #access}), and each dataset its row filter
     * follows (whose keys may be read to filter it). A superset of the datasets read, for the freshness of the
     * answer (HTTP caching).
     */
    public Map<String, RegistrySnapshot> datasetsConsulted() {
        return Map.copyOf(consulted);
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

    private void recordFollowed(RowPredicate filter, RegistrySnapshot snapshot) {
        switch (filter) {
            case RowPredicate.RelatedIn test -> {
                followsRelationships = true;
                consulted.put(test.targetUrn(), snapshot);
                recordFollowed(test.targetFilter(), snapshot);
            }
            case RowPredicate.And and -> and.operands().forEach(operand -> recordFollowed(operand, snapshot));
            case RowPredicate.Or or -> or.operands().forEach(operand -> recordFollowed(operand, snapshot));
            case RowPredicate.Not not -> recordFollowed(not.operand(), snapshot);
            default -> {
            }
        }
    }

    /** Whether a row filter of a dataset read follows a relationship (its allowed keys are read apart). */
    public boolean followsRelationships() {
        return followsRelationships;
    }

    /** The cached port answers the request's reads were served from, as the result cache reported them. */
    public CachedReads cachedReads() {
        return cachedReads;
    }

    /**
     * Records what an answer kept whole recorded when it was made: the datasets it read (as audited), the datasets
     * it depends on and its operation, so this request, answered with it, is audited and cached as that one was.
     */
    public void replay(List<AuditDataset> datasetsRead, Map<String, RegistrySnapshot> datasetsConsulted,
            AuditOperation operation) {
        read.addAll(datasetsRead);
        consulted.putAll(datasetsConsulted);
        this.operation = requireNonNull(operation, "operation is null");
    }

    /** The datasets read so far, in the order they were read. */
    public List<AuditDataset> datasetsRead() {
        return List.copyOf(read);
    }
}
