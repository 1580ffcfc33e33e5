package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.RelatedKeyConditions;
import io.portico.gateway.plan.RowFilterTranslator;
import io.portico.gateway.port.PortReader;
import io.portico.policies.decision.PortEndpoint;
import io.portico.policies.filter.RowPredicate;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a subject's row filter of a dataset as the condition its port is sent, for the datasets of one schema
 * build: each part that follows a relationship ({@link RowPredicate.RelatedIn}) becomes
 *
 * <ul>
 *   <li>a semi-join ({@link RelatedKeyConditions#semiJoin}) when the related dataset is served by the same
 *       endpoint in the same dialect ({@link PortEndpoint}): one statement, nothing read first;</li>
 *   <li>else a list of the related dataset's allowed keys, read from its port first ({@link AllowedKeys}), at most
 *       {@code portico.policies.related-filter.max-keys} of them (more refuse the request);</li>
 *   <li>else, when cross-port reads are off or the related dataset is not in this schema, nothing: the part admits
 *       no row (the registry changed after the policy set was checked).</li>
 * </ul>
 *
 * The related dataset's own filter may follow relationships again (shipments -> orders -> customers): it is
 * rendered the same way, from its own port's point of view, so a chain can mix semi-joins and key lists.
 */
public final class RowFilterConditions {

    private static final Logger LOG = LoggerFactory.getLogger(RowFilterConditions.class);
    private static final CompletableFuture<Condition> TRUE =
            CompletableFuture.completedFuture(org.jooq.impl.DSL.trueCondition());

    /**
     * A dataset of the schema as a related filter reaches it.
     *
     * @param binding  the dataset
     * @param port     the reader of its port
     * @param endpoint its port's endpoint; empty when the contract's URL is not one
     */
    public record Target(DatasetBinding binding, PortReader port, Optional<PortEndpoint> endpoint) {

        public Target {
            requireNonNull(binding, "binding is null");
            requireNonNull(port, "port is null");
            requireNonNull(endpoint, "endpoint is null");
        }

        boolean sharesEndpointWith(Target other) {
            return endpoint.isPresent() && endpoint.equals(other.endpoint);
        }
    }

    private final Map<String, Target> byUrn;
    private final Map<String, Target> byPortAndDataset;
    private final long registryVersion;
    private final AllowedKeys allowedKeys;
    private final AtomicBoolean warnedCrossPortOff = new AtomicBoolean();

    /**
     * @param targets         every dataset of the schema, by its URN
     * @param registryVersion the version of the registry the schema was built from
     * @param allowedKeys     reads related keys across ports
     */
    public RowFilterConditions(Map<String, Target> targets, long registryVersion, AllowedKeys allowedKeys) {
        this.byUrn = Map.copyOf(targets);
        Map<String, Target> byBinding = new HashMap<>();
        targets.values().forEach(target -> byBinding.put(bindingKey(target.binding()), target));
        this.byPortAndDataset = Map.copyOf(byBinding);
        this.registryVersion = registryVersion;
        this.allowedKeys = requireNonNull(allowedKeys, "allowedKeys is null");
    }

    /**
     * The condition of {@code filter} over {@code dataset}'s columns: at once when it follows no relationship to
     * another port, else once the related keys are read.
     *
     * @return the condition; failed with {@code QUERY_LIMIT_EXCEEDED} when a related key set is over the maximum,
     *         or with the related port's error
     */
    public CompletableFuture<Condition> condition(DatasetBinding dataset, RowPredicate filter) {
        if (filter.equals(RowPredicate.TRUE)) {
            return TRUE;
        }
        List<RowPredicate.RelatedIn> tests = relatedTests(filter);
        if (tests.isEmpty()) {
            return CompletableFuture.completedFuture(new RowFilterTranslator(dataset).translate(filter));
        }
        Target owner = byPortAndDataset.get(bindingKey(dataset));
        Map<RowPredicate.RelatedIn, CompletableFuture<Optional<Condition>>> rendered = new HashMap<>();
        for (RowPredicate.RelatedIn test : tests) {
            rendered.computeIfAbsent(test, absent -> related(owner, dataset, test));
        }
        return CompletableFuture.allOf(rendered.values().toArray(CompletableFuture[]::new)).thenApply(done ->
                new RowFilterTranslator(dataset, test -> rendered.get(test).join()).translate(filter));
    }

    private CompletableFuture<Optional<Condition>> related(Target owner, DatasetBinding dataset,
            RowPredicate.RelatedIn test) {
        Target target = byUrn.get(test.targetUrn());
        if (owner == null || target == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        boolean samePort = owner.sharesEndpointWith(target);
        if (!samePort && !allowedKeys.crossPort()) {
            if (warnedCrossPortOff.compareAndSet(false, true)) {
                LOG.warn("a row filter of {}.{} follows its relationship to {}, served by another port, while"
                        + " portico.policies.related-filter.max-keys is 0: it admits no row", dataset.domain(),
                        dataset.dataset(), test.target());
            }
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Condition> targetFilter = condition(target.binding(), test.targetFilter());
        if (samePort) {
            return targetFilter.thenApply(filter ->
                    RelatedKeyConditions.semiJoin(dataset, test, target.binding(), filter));
        }
        Optional<List<FieldBinding>> keys = RelatedKeyConditions.fields(target.binding(), test.targetKeyFields());
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return targetFilter.thenCompose(filter -> allowedKeys.read(target.binding(), target.port(), keys.get(),
                        filter, registryVersion, dataset.domain() + "." + dataset.dataset()))
                .thenApply(allowed -> RelatedKeyConditions.keyIn(dataset, test.keyFields(), allowed));
    }

    /** The related tests of a filter, outside the related filters they hold (those are rendered with their dataset). */
    private static List<RowPredicate.RelatedIn> relatedTests(RowPredicate filter) {
        List<RowPredicate.RelatedIn> tests = new ArrayList<>();
        collect(filter, tests);
        return tests;
    }

    private static void collect(RowPredicate predicate, List<RowPredicate.RelatedIn> tests) {
        switch (predicate) {
            case RowPredicate.RelatedIn test -> tests.add(test);
            case RowPredicate.And and -> and.operands().forEach(operand -> collect(operand, tests));
            case RowPredicate.Or or -> or.operands().forEach(operand -> collect(operand, tests));
            case RowPredicate.Not not -> collect(not.operand(), tests);
            default -> {
            }
        }
    }

    private static String bindingKey(DatasetBinding binding) {
        return binding.portId() + "/" + binding.domain() + "/" + binding.dataset();
    }
}
