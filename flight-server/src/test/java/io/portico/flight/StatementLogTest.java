package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatementLogTest {

    @Test
    void keepsTheNewestEntriesUpToItsCapacity() {
        StatementLog log = new StatementLog(3);
        for (int index = 1; index <= 5; index++) {
            log.record(entry("SELECT " + index));
        }
        assertThat(log.entries()).extracting(StatementLog.Entry::sql).containsExactly("SELECT 3", "SELECT 4", "SELECT 5");
        assertThat(log.last().orElseThrow().sql()).isEqualTo("SELECT 5");
        assertThat(log.lastMatching(entry -> entry.sql().endsWith("4")).orElseThrow().sql()).isEqualTo("SELECT 4");
        assertThat(log.lastMatching(entry -> entry.sql().endsWith("1"))).isEmpty();
        log.clear();
        assertThat(log.entries()).isEmpty();
        assertThat(log.last()).isEmpty();
    }

    @Test
    void takesEntriesFromManyThreads() throws Exception {
        StatementLog log = new StatementLog(10_000);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            executor.submit(() -> {
                for (int index = 0; index < 1_000; index++) {
                    log.record(entry("SELECT 1"));
                }
            });
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log.entries()).hasSize(4_000);
    }

    @Test
    void keepsParametersAsBoundIncludingNulls() {
        List<Object> parameters = new ArrayList<>(Arrays.asList(1L, null, "OPEN"));
        StatementLog.Entry entry = new StatementLog.Entry("SELECT ?", parameters, 0, 0, 0, 0,
                StatementLog.Outcome.COMPLETED, Instant.EPOCH, Duration.ZERO);
        parameters.clear();
        assertThat(entry.parameters()).containsExactly(1L, null, "OPEN");
        assertThatThrownBy(() -> entry.parameters().add(2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new StatementLog(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static StatementLog.Entry entry(String sql) {
        return new StatementLog.Entry(sql, List.of(), 1, 1, 8, 8, StatementLog.Outcome.COMPLETED, Instant.now(), Duration.ofMillis(1));
    }
}
