package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The waits between attempts to reach the ports that are down. */
class RetryBackoffTest {

    @Test
    void theWaitStartsAtASecondAndDoublesUpToTheRetryIntervalWhileTheSamePortsStayDown() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Set.of("crm"));

        assertThat(backoff.first()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPortDownAnewOrNothingDownStartsAgainFromASecond() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Set.of("crm"));
        backoff.next(Set.of("crm"));
        backoff.next(Set.of("crm"));

        assertThat(backoff.next(Set.of("crm", "sales"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Set.of("sales"))).as("one came up, the other stays down").isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(Set.of())).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Set.of())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryIntervalShorterThanASecondIsTheOnlyWait() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Set.of());

        assertThat(backoff.first()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(Set.of("crm"))).isEqualTo(Duration.ofMillis(200));
    }
}
