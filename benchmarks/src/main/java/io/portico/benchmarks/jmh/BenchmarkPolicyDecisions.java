package io.portico.benchmarks.jmh;

import io.portico.flight.demo.DemoDomain;
import io.portico.policies.Subject;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.decision.Decisions;
import io.portico.policies.decision.PolicyEvaluator;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of policy decisions: what the gateway pays per request to know, for one subject, the effect on every field
 * of every dataset and every dataset's row filter.
 *
 * <p>Workloads ({@code registry}):
 * <ul>
 *   <li>{@code demo}: the demo's three contracts (25 fields) under the demo's policy set (4 rules, 2 classification
 *       defaults), for a {@code support} subject with a region (so a row filter is bound);</li>
 *   <li>{@code large}: 1,000 generated ports of one dataset of 20 fields each (classifications public, internal,
 *       confidential, restricted and none; tags {@code pii}, {@code finance}), 50 domains, under 50 generated rules
 *       (a steward rule, 20 tag denials and 20 field masks scoped to domains, 4 purpose- and claim-bound rules,
 *       5 row filters) and the demo's defaults, for an {@code analyst} subject with a region and a purpose.</li>
 * </ul>
 *
 * <p>Benchmarks: {@code decide} is {@link PolicyEvaluator#decide} uncached (a cache miss: the first request of a
 * subject's claims after a registry or policy change); {@code cachedLookup} is {@link DecisionCache#decisions} on a
 * warm cache, for subjects of equal claims and different ids (every later request), key building included.
 *
 * <p>The score is the average time per operation. Run: {@code ./portico bench jmh BenchmarkPolicyDecisions} (JMH
 * options follow, e.g. {@code -f 1 -wi 2 -i 3 -w 2s -r 2s} for a quick look, {@code -p registry=large} for one
 * workload).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BenchmarkPolicyDecisions {

    private static final int PORTS = 1_000;
    private static final int FIELDS = 20;
    private static final int DOMAINS = 50;
    private static final int SUBJECTS = 64;

    @Param({"demo", "large"})
    public String registry;

    private RegistrySnapshot snapshot;
    private PolicySet policies;
    private Subject subject;
    private Subject[] sameClaims;
    private DecisionCache cache;
    private int next;

    @Setup(Level.Trial)
    public void buildTheRegistryAndPolicies() {
        if (registry.equals("demo")) {
            snapshot = demoRegistry();
            policies = ClasspathPolicies.demo();
            subject = new Subject("sue", Set.of("support"), Set.of(), Set.of(), Map.of("region", "EMEA"));
        } else {
            snapshot = generatedRegistry();
            policies = PolicyParser.parse("generated.yaml", generatedPolicies());
            subject = new Subject("ann", Set.of("analyst"), Set.of("team-7"), Set.of(),
                    Map.of("region", "EMEA", "purpose", "reporting", "department", "controlling"));
        }
        sameClaims = new Subject[SUBJECTS];
        for (int index = 0; index < SUBJECTS; index++) {
            sameClaims[index] = new Subject(subject.id() + "-" + index, subject.roles(), subject.groups(),
                    subject.domains(), subject.attributes());
        }
        cache = new DecisionCache(10_000);
        checkTheWorkload(cache.decisions(subject, snapshot, policies));
    }

    @Benchmark
    public Decisions decide() {
        return PolicyEvaluator.decide(subject, snapshot, policies);
    }

    @Benchmark
    public Decisions cachedLookup() {
        next = (next + 1) & (SUBJECTS - 1);
        return cache.decisions(sameClaims[next], snapshot, policies);
    }

    /** Fails the trial unless the decisions cover the registry and exercise denials, masks and row filters. */
    private void checkTheWorkload(Decisions decisions) {
        int datasets = snapshot.ports().stream().mapToInt(port -> port.contract().datasets().size()).sum();
        if (decisions.datasets().size() != datasets || !decisions.problems().isEmpty()) {
            throw new IllegalStateException("decisions for " + decisions.datasets().size() + " of " + datasets
                    + " datasets, problems " + decisions.problems());
        }
        boolean denies = decisions.datasets().values().stream()
                .anyMatch(dataset -> dataset.fields().values().stream().anyMatch(field -> field.isDenied()));
        boolean masks = decisions.datasets().values().stream()
                .anyMatch(dataset -> dataset.fields().values().stream().anyMatch(field -> field.isMasked()));
        boolean filters = decisions.datasets().values().stream().anyMatch(dataset -> dataset.filtersRows());
        if (!denies || !masks || !filters) {
            throw new IllegalStateException("the workload should deny, mask and filter rows: " + denies + ", "
                    + masks + ", " + filters);
        }
    }

    private static RegistrySnapshot demoRegistry() {
        List<PortSnapshot> ports = new ArrayList<>();
        for (DemoDomain domain : DemoDomain.values()) {
            ports.add(new PortSnapshot(ContractParser.parse(domain.contractDocument()), Map.of()));
        }
        return new RegistrySnapshot(1, ports);
    }

    private static RegistrySnapshot generatedRegistry() {
        List<PortSnapshot> ports = new ArrayList<>(PORTS);
        for (int port = 0; port < PORTS; port++) {
            List<FieldContract> fields = new ArrayList<>(FIELDS);
            for (int field = 0; field < FIELDS; field++) {
                fields.add(new FieldContract("f" + field, "f" + field, "string", "VARCHAR", false, field == 0, -1,
                        classification(field), tags(field), null));
            }
            DatasetContract dataset = new DatasetContract("data", "data", null, List.of(), fields, List.of());
            OutputPortContract contract = new OutputPortContract("port-" + port, "1.0.0", "active",
                    "domain-" + (port % DOMAINS), "product-" + port, null, null, List.of(), List.of(dataset),
                    List.of(), null, List.of());
            ports.add(new PortSnapshot(contract, Map.of()));
        }
        return new RegistrySnapshot(1, ports);
    }

    private static String classification(int field) {
        if (field < 8) {
            return "public";
        }
        if (field < 12) {
            return "internal";
        }
        if (field < 16) {
            return "confidential";
        }
        return field < 18 ? "restricted" : null;
    }

    private static List<String> tags(int field) {
        if (field >= 12 && field < 18) {
            return List.of("pii");
        }
        return field >= 18 ? List.of("finance") : List.of();
    }

    /** 50 rules: see the class's doc. */
    private static String generatedPolicies() {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults:
                  classified:
                    restricted: deny
                    confidential: {mask: redact}
                rules:
                  - {name: stewards, subjects: {roles: [steward]}, effect: allow}
                """);
        for (int domain = 0; domain < 20; domain++) {
            yaml.append("  - {name: analysts-no-finance-").append(domain).append(", subjects: {roles: [analyst]},"
                    + " resources: {domain: domain-").append(domain).append(", tags: [finance]}, effect: deny}\n");
        }
        for (int domain = 20; domain < 40; domain++) {
            yaml.append("  - {name: analysts-hash-f13-").append(domain).append(", subjects: {roles: [analyst]},"
                    + " resources: {domain: domain-").append(domain).append(", fields: [f13]}, effect: mask,"
                    + " mask: hash}\n");
        }
        yaml.append("""
                  - {name: reporting-f8, subjects: {groups: [team-7]}, purpose: [reporting], resources: {fields: [f8]}, effect: mask, mask: show-first-4}
                  - {name: controllers-f18, subjects: {claims: {department: [controlling]}}, resources: {fields: [f18]}, effect: allow}
                  - {name: research-f16, subjects: {roles: [researcher]}, purpose: [research], resources: {fields: [f16]}, effect: mask, mask: year-only}
                  - {name: partners-nothing, subjects: {claims: {partner: [acme]}}, effect: deny}
                """);
        for (int domain = 0; domain < 5; domain++) {
            yaml.append("  - {name: own-region-").append(domain).append(", subjects: {roles: [analyst]},"
                    + " resources: {domain: domain-").append(domain).append("}, rowFilter: \"f1 = subject.region"
                    + " and f2 in ('a', 'b')\"}\n");
        }
        return yaml.toString();
    }
}
