package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A planner's report renders its SQL parts once, when first asked for, and is then the report built with them at
 * once: equal, same hash, same text.
 */
class PushdownReportTest {

    private static final PushdownReport.SqlParts PARTS = new PushdownReport.SqlParts(Optional.of("\"a\" > ?"),
            List.of("\"a\" desc nulls last"), List.of("\"status\""), List.of("count(*)", "sum(\"a\")"));

    @Test
    void aPlannersReportRendersItsSqlOnceWhenFirstAskedFor() {
        AtomicInteger renderings = new AtomicInteger();
        PushdownReport report = PushdownReport.rendered(List.of("a", "status"), 11, true, false, () -> {
            renderings.incrementAndGet();
            return PARTS;
        });

        assertThat(List.of(report.projection(), report.limit(), report.keyset(), report.count()))
                .containsExactly(List.of("a", "status"), 11, true, false);
        assertThat(renderings).as("nothing rendered for the parts that are not SQL").hasValue(0);
        assertThat(report.filter()).contains("\"a\" > ?");
        assertThat(report.ordering()).containsExactly("\"a\" desc nulls last");
        assertThat(report.groupBy()).containsExactly("\"status\"");
        assertThat(report.aggregates()).containsExactly("count(*)", "sum(\"a\")");
        assertThat(report.aggregated()).isTrue();
        assertThat(renderings).as("rendered once, then kept").hasValue(1);
    }

    @Test
    void aPlannersReportIsTheReportBuiltAtOnce() {
        PushdownReport rendered = PushdownReport.rendered(List.of("a", "status"), 11, true, false, () -> PARTS);
        PushdownReport atOnce = new PushdownReport(List.of("a", "status"), Optional.of("\"a\" > ?"),
                List.of("\"a\" desc nulls last"), 11, true, false, List.of("\"status\""),
                List.of("count(*)", "sum(\"a\")"));

        assertThat(rendered).isEqualTo(atOnce).hasSameHashCodeAs(atOnce).hasToString(atOnce.toString());
        assertThat(atOnce).isEqualTo(rendered);
        assertThat(atOnce.toString()).isEqualTo("PushdownReport[projection=[a, status], filter=Optional[\"a\" > ?],"
                + " ordering=[\"a\" desc nulls last], limit=11, keyset=true, count=false, groupBy=[\"status\"],"
                + " aggregates=[count(*), sum(\"a\")]]");
        assertThat(new PushdownReport(List.of("a"), Optional.empty(), List.of("a ASC"), 6, false, false))
                .isNotEqualTo(atOnce).satisfies(page -> assertThat(page.aggregated()).isFalse());
    }
}
