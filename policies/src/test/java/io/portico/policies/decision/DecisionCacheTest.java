package io.portico.policies.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.Subject;
import io.portico.policies.TestRegistries;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionCacheTest {

    private static final RegistrySnapshot DEMO = TestRegistries.demo(3);
    private static final PolicySet POLICIES = ClasspathPolicies.demo();

    private final AtomicInteger computations = new AtomicInteger();
    private final DecisionCache cache = new DecisionCache(100, (subject, snapshot, policies) -> {
        computations.incrementAndGet();
        return PolicyEvaluator.decide(subject, snapshot, policies);
    });

    @Test
    void subjectsOfEqualClaimsShareOneComputation() {
        Subject ann = new Subject("ann", Set.of("support"), Set.of(), Set.of(), Map.of("region", "EMEA"));
        Subject bea = new Subject("bea", Set.of("support"), Set.of(), Set.of(), Map.of("region", "EMEA"));
        Subject cid = new Subject("cid", Set.of("support"), Set.of(), Set.of(), Map.of("region", "APAC"));

        Decisions forAnn = cache.decisions(ann, DEMO, POLICIES);
        Decisions forBea = cache.decisions(bea, DEMO, POLICIES);
        Decisions forCid = cache.decisions(cid, DEMO, POLICIES);

        assertThat(forBea).isSameAs(forAnn);
        assertThat(forCid).isNotSameAs(forAnn);
        assertThat(computations).hasValue(2);
        assertThat(cache.estimatedSize()).isEqualTo(2);
        assertThat(forAnn).isEqualTo(PolicyEvaluator.decide(ann, DEMO, POLICIES));
    }

    @Test
    void keysOnTheIdWhenARuleReadsIt() {
        PolicySet byId = PolicyParser.parse("id.yaml", """
                version: 1
                rules:
                  - {name: own-rows, subjects: everyone, resources: {domain: crm}, rowFilter: "customer_id = subject.id"}
                """);
        PolicySet bySubClaim = PolicyParser.parse("sub.yaml", """
                version: 1
                rules:
                  - {name: alice, subjects: {claims: {sub: alice}}, effect: deny}
                """);

        cache.decisions(Subject.of("alice", Set.of()), DEMO, byId);
        cache.decisions(Subject.of("bob", Set.of()), DEMO, byId);
        cache.decisions(Subject.of("alice", Set.of()), DEMO, bySubClaim);
        cache.decisions(Subject.of("bob", Set.of()), DEMO, bySubClaim);

        assertThat(byId.selectsOnSubjectId()).isTrue();
        assertThat(bySubClaim.selectsOnSubjectId()).isTrue();
        assertThat(computations).hasValue(4);
    }

    @Test
    void aNewRegistryOrPolicyVersionIsANewKey() {
        Subject analyst = Subject.of("ann", Set.of("analyst"));
        PolicySet otherPolicies = PolicyParser.parse("other.yaml", "version: 1\n");

        cache.decisions(analyst, DEMO, POLICIES);
        cache.decisions(analyst, TestRegistries.demo(4), POLICIES);
        Decisions other = cache.decisions(analyst, DEMO, otherPolicies);
        cache.decisions(analyst, DEMO, POLICIES);

        assertThat(computations).hasValue(3);
        assertThat(other.policyVersion()).isEqualTo(otherPolicies.version());
    }

    @Test
    void concurrentRequestsForOneKeyComputeOnce() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Decisions>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int index = 0; index < threads; index++) {
                Subject subject = Subject.of("analyst-" + index, Set.of("analyst"));
                results.add(executor.submit(() -> {
                    start.await();
                    return cache.decisions(subject, DEMO, POLICIES);
                }));
            }
            start.countDown();
            Decisions first = results.getFirst().get();
            for (Future<Decisions> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void staysWithinItsBound() {
        DecisionCache small = new DecisionCache(2);
        for (int index = 0; index < 10; index++) {
            small.decisions(new Subject("s", Set.of(), Set.of(), Set.of(), Map.of("n", "" + index)), DEMO, POLICIES);
        }

        assertThat(small.estimatedSize()).isLessThanOrEqualTo(2);
        small.invalidateAll();
        assertThat(small.estimatedSize()).isZero();
        assertThatThrownBy(() -> new DecisionCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
