package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDomain;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.SlaProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The max-age of an answer from the contracts of the ports whose datasets it depends on. */
class AnswerCacheControlTest {

    private static final OutputPortContract SALES = withSla(DemoDomain.SALES,
            new SlaProperty("freshness", "30", "s", null, null), new SlaProperty("latency", "2", "s", null, null));
    private static final OutputPortContract CRM = withSla(DemoDomain.CRM,
            new SlaProperty("latency", "5", "min", null, null));
    private static final OutputPortContract LOGISTICS = withSla(DemoDomain.LOGISTICS);
    private static final RegistrySnapshot SNAPSHOT = new RegistrySnapshot(7, List.of(
            new PortSnapshot(SALES, Map.of()), new PortSnapshot(CRM, Map.of()), new PortSnapshot(LOGISTICS, Map.of())));

    private static final String ORDERS = Urns.dataset(SALES, "orders");
    private static final String CUSTOMERS = Urns.dataset(CRM, "customers");
    private static final String SHIPMENTS = Urns.dataset(LOGISTICS, "shipments");

    @Test
    void theSmallestFreshnessOfTheDatasetsTheAnswerDependsOn() {
        AnswerCacheControl caching = new AnswerCacheControl(Duration.ofHours(1));

        assertThat(caching.maxAge(Map.of(CUSTOMERS, SNAPSHOT))).isEqualTo(Duration.ofMinutes(5));
        assertThat(caching.maxAge(Map.of(ORDERS, SNAPSHOT))).as("freshness before latency")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(caching.maxAge(Map.of(ORDERS, SNAPSHOT, CUSTOMERS, SNAPSHOT))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theDefaultWhenAContractStatesNoFreshnessOrTheDatasetIsUnknown() {
        AnswerCacheControl caching = new AnswerCacheControl(Duration.ofSeconds(10));

        assertThat(caching.maxAge(Map.of(SHIPMENTS, SNAPSHOT))).isEqualTo(Duration.ofSeconds(10));
        assertThat(caching.maxAge(Map.of(CUSTOMERS, SNAPSHOT, SHIPMENTS, SNAPSHOT))).isEqualTo(Duration.ofSeconds(10));
        assertThat(caching.maxAge(Map.of("urn:portico:nowhere:x:y:v1", SNAPSHOT))).isEqualTo(Duration.ofSeconds(10));
        assertThat(new AnswerCacheControl(Duration.ZERO).maxAge(Map.of(ORDERS, SNAPSHOT, SHIPMENTS, SNAPSHOT)))
                .isEqualTo(Duration.ZERO);
    }

    private static OutputPortContract withSla(DemoDomain domain, SlaProperty... sla) {
        OutputPortContract demo = ContractParser.parse(domain.contractDocument());
        return new OutputPortContract(demo.id(), demo.version(), demo.status(), demo.domain(), demo.dataProduct(),
                demo.name(), demo.description(), demo.tags(), demo.datasets(), demo.servers(), demo.team(),
                List.of(sla));
    }
}
