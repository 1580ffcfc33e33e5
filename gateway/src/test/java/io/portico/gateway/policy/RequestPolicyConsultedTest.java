package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDomain;
import io.portico.policies.Subject;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.mask.HashKey;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyStore;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a request's answer depends on, for its freshness: the datasets whose access was decided and, under the demo's
 * policies, the dataset support's row filter on orders follows ({@code visible(crm.customers)}).
 */
class RequestPolicyConsultedTest {

    private static final OutputPortContract SALES = ContractParser.parse(DemoDomain.SALES.contractDocument());
    private static final OutputPortContract CRM = ContractParser.parse(DemoDomain.CRM.contractDocument());
    private static final RegistrySnapshot SNAPSHOT = new RegistrySnapshot(3, List.of(
            new PortSnapshot(SALES, Map.of()), new PortSnapshot(CRM, Map.of())));
    private static final String ORDERS = Urns.dataset(SALES, "orders");
    private static final String CUSTOMERS = Urns.dataset(CRM, "customers");

    private final QueryPolicies policies = new QueryPolicies(
            new PolicyStore(LoadedPolicySet.of(ClasspathPolicies.demo(), Instant.now(), List.of(ClasspathPolicies.DEMO))),
            new DecisionCache(10), HashKey.random(new SecureRandom()));
    private final DatasetPolicyTarget orders = new DatasetPolicyTarget(ORDERS, "sales.orders", SNAPSHOT,
            Map.of("orderId", "order_id", "customerId", "customer_id"));

    @Test
    void aReadDependsOnItsDatasetAndOnTheDatasetsItsRowFilterFollows() {
        RequestPolicy support = policies.begin(new Subject("sam", Set.of("support"), Set.of(), Set.of(),
                Map.of("region", "EMEA")));
        RequestPolicy steward = policies.begin(Subject.of("stella", Set.of("steward")));
        assertThat(support.datasetsConsulted()).isEmpty();

        support.access(orders);
        steward.access(orders);

        assertThat(support.datasetsConsulted()).containsOnlyKeys(ORDERS, CUSTOMERS)
                .allSatisfy((urn, snapshot) -> assertThat(snapshot).isSameAs(SNAPSHOT));
        assertThat(steward.datasetsConsulted()).containsOnlyKeys(ORDERS);
    }
}
