package io.portico.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaDurationTest {

    @Test
    void readsTheOdcsUnitsAndTheFinerOnes() {
        assertThat(SlaDuration.parse("4", "d")).contains(Duration.ofDays(4));
        assertThat(SlaDuration.parse("1", "yr")).contains(Duration.ofDays(365));
        assertThat(SlaDuration.parse("30", "s")).contains(Duration.ofSeconds(30));
        assertThat(SlaDuration.parse("1.5", "Minutes")).contains(Duration.ofSeconds(90));
        assertThat(SlaDuration.parse("0", "h")).contains(Duration.ZERO);
        assertThat(SlaDuration.parse("250", "ms")).contains(Duration.ofMillis(250));
    }

    @Test
    void anythingElseIsNoDuration() {
        assertThat(SlaDuration.parse("soon", "d")).isEmpty();
        assertThat(SlaDuration.parse("-1", "d")).isEmpty();
        assertThat(SlaDuration.parse("4", "fortnights")).isEmpty();
        assertThat(SlaDuration.parse(null, "d")).isEmpty();
        assertThat(SlaDuration.parse("4", null)).isEmpty();
    }

    @Test
    void freshnessWinsOverLatencyAndUnreadableValuesAreSkipped() {
        assertThat(contract(List.of(new SlaProperty("latency", "4", "d", null, null),
                new SlaProperty("freshness", "30", "s", null, null))).freshness()).contains(Duration.ofSeconds(30));
        assertThat(contract(List.of(new SlaProperty("freshness", "daily", null, null, null),
                new SlaProperty("latency", "1", "h", null, null))).freshness()).contains(Duration.ofHours(1));
        assertThat(contract(List.of(new SlaProperty("retention", "3", "y", null, null))).freshness()).isEmpty();
    }

    private static OutputPortContract contract(List<SlaProperty> sla) {
        return new OutputPortContract("id", "1.0.0", "active", "sales", "orders", null, null, List.of(), List.of(),
                List.of(), null, sla);
    }
}
