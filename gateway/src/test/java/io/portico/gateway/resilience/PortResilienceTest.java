package io.portico.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.gateway.port.PortCallAttempt;
import io.portico.gateway.port.PortCallGuard.GuardedCall;
import io.portico.gateway.port.PortCallState;
import io.portico.gateway.port.PortFailure;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.SlaProperty;
import io.portico.schema.error.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guards of port calls, driven by hand-written calls that answer or fail as each case needs (the Flight side is
 * covered by {@link PortFaultsEndToEndTest}); the breaker's clock is a settable one, so nothing sleeps but the
 * retry's short pause.
 */
class PortResilienceTest {

    private static final URI LOCATION = URI.create("grpc+tcp://127.0.0.1:1");
    private static final String PORT = "sales-orders-port";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SettableClock clock = new SettableClock();
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void aSuccessfulCallIsMeasured() {
        PortResilience guard = guard(settings(2, 10));

        String answer = guard.guard(PORT, LOCATION, attempt -> {
            receiveBatch(attempt, 3);
            return "rows";
        });

        assertThat(answer).isEqualTo("rows");
        assertThat(meters.get(PortMeters.CALLS).tags("port", PORT, "outcome", "success").timer().count())
                .isEqualTo(1);
        assertThat(meters.get(PortMeters.ROWS).tag("port", PORT).counter().count()).isEqualTo(3);
        assertThat(meters.get(PortMeters.BYTES).tag("port", PORT).counter().count()).isPositive();
        assertThat(meters.get(PortMeters.BULKHEAD_SATURATION).tag("port", PORT).gauge().value()).isZero();
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", PORT, "state", "closed").gauge()
                .value()).isEqualTo(1);
    }

    @Test
    void anUnreachablePortIsTriedAgainBeforeAnyDataArrived() {
        PortResilience guard = guard(settings(2, 10));
        AtomicInteger attempts = new AtomicInteger();

        String answer = guard.guard(PORT, LOCATION, attempt -> {
            if (attempts.incrementAndGet() == 1) {
                throw failure(ErrorCode.PORT_UNAVAILABLE);
            }
            return "second time lucky";
        });

        assertThat(answer).isEqualTo("second time lucky");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aCallIsNeverTriedAgainOnceDataArrived() {
        PortResilience guard = guard(settings(3, 10));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, attempt -> {
            attempts.incrementAndGet();
            receiveBatch(attempt, 2);
            throw failure(ErrorCode.PORT_UNAVAILABLE);
        })).isInstanceOf(PortFailure.class).extracting(error -> ((PortFailure) error).code())
                .isEqualTo(ErrorCode.PORT_UNAVAILABLE);

        assertThat(attempts).hasValue(1);
        assertThat(meters.get(PortMeters.ERRORS).tags("port", PORT, "code", "PORT_UNAVAILABLE").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(PortMeters.ROWS).tag("port", PORT).counter().count()).isEqualTo(2);
    }

    @Test
    void onlyAnUnreachablePortIsTriedAgainAndOnlyUpToTheAttemptsAllowed() {
        PortResilience guard = guard(settings(3, 10));
        for (ErrorCode code : List.of(ErrorCode.PORT_ERROR, ErrorCode.PORT_SCHEMA_DRIFT, ErrorCode.STATEMENT_REFUSED)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, code)))
                    .isInstanceOf(PortFailure.class);
            assertThat(attempts).as("attempts after %s", code).hasValue(1);
        }
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, ErrorCode.PORT_UNAVAILABLE)))
                .isInstanceOf(PortFailure.class).hasMessageContaining("cannot be reached");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void noRetryOutlivesTheTimeout() {
        PortResilience guard = guard(settings(5, 10), Map.of(PORT,
                new ResilienceProperties.Port(Duration.ofMillis(50), null)));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, ErrorCode.PORT_UNAVAILABLE)))
                .isInstanceOf(PortFailure.class);

        assertThat(attempts).as("a 50 ms timeout leaves no room for a 100 ms pause").hasValue(1);
    }

    @Test
    void aTimeoutSaysHowLongThePortWasGivenAndWhy() {
        PortResilience guard = guard(settings(2, 10), Map.of(PORT,
                new ResilienceProperties.Port(Duration.ofMillis(1500), null)));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, attempt -> {
            attempts.incrementAndGet();
            assertThat(attempt.remaining()).isLessThanOrEqualTo(Duration.ofMillis(1500))
                    .isGreaterThan(Duration.ofMillis(1000));
            throw failure(ErrorCode.PORT_TIMEOUT);
        })).isInstanceOf(PortFailure.class)
                .hasMessageContaining("did not answer in time")
                .hasMessageContaining("gives this port 1500 ms per call (configuration)");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theBreakerOpensOnFailingCallsRefusesCallsThenLetsATrialThrough() {
        PortResilience guard = guard(settings(1, 4));
        AtomicInteger attempts = new AtomicInteger();
        for (int call = 0; call < 4; call++) {
            assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, ErrorCode.PORT_TIMEOUT)))
                    .isInstanceOf(PortFailure.class);
        }
        assertThat(guard.breaker(PORT).getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, ErrorCode.PORT_TIMEOUT)))
                .isInstanceOf(PortFailure.class)
                .hasMessageContaining("circuit breaker is open after 100 % of its latest calls failed")
                .extracting(error -> ((PortFailure) error).code()).isEqualTo(ErrorCode.PORT_UNAVAILABLE);
        assertThat(attempts).as("an open breaker does not call the port").hasValue(4);
        assertThat(guard.state(PORT)).get().satisfies(state -> {
            assertThat(state.breakerOpen()).isTrue();
            assertThat(state.failureRate()).isEqualTo(100f);
        });

        clock.advance(Duration.ofSeconds(11));
        for (int call = 0; call < 3; call++) {
            String answer = guard.guard(PORT, LOCATION, attempt -> "ok");
            assertThat(answer).isEqualTo("ok");
        }
        assertThat(guard.breaker(PORT).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", PORT, "state", "closed").gauge()
                .value()).isEqualTo(1);
    }

    @Test
    void aDriftedSchemaOrARefusedStatementDoesNotOpenTheBreaker() {
        PortResilience guard = guard(settings(1, 4));
        AtomicInteger attempts = new AtomicInteger();
        for (int call = 0; call < 10; call++) {
            ErrorCode code = call % 2 == 0 ? ErrorCode.PORT_SCHEMA_DRIFT : ErrorCode.STATEMENT_REFUSED;
            assertThatThrownBy(() -> guard.guard(PORT, LOCATION, failing(attempts, code)))
                    .isInstanceOf(PortFailure.class);
        }
        assertThat(guard.breaker(PORT).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(attempts).hasValue(10);
    }

    @Test
    void aFullBulkheadRefusesTheNextCallWhileTheOtherPortsStillAnswer() throws Exception {
        PortResilience guard = guard(settings(1, 10), Map.of(PORT,
                new ResilienceProperties.Port(null, 1)));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> guard.guard(PORT, LOCATION, attempt -> {
            running.countDown();
            await(release);
            return "slow";
        }), runnable -> Thread.ofVirtual().start(runnable));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> guard.guard(PORT, LOCATION, attempt -> "never"))
                .isInstanceOf(PortFailure.class)
                .hasMessageContaining("already has 1 calls running")
                .extracting(error -> ((PortFailure) error).code()).isEqualTo(ErrorCode.PORT_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waits max-wait, then gives up")
                .isLessThan(Duration.ofSeconds(2));
        String other = guard.guard("crm-customers-port", LOCATION, attempt -> "other");
        assertThat(other).as("another port's bulkhead is its own").isEqualTo("other");
        PortCallState state = guard.state(PORT).orElseThrow();
        assertThat(state.activeCalls()).isEqualTo(1);
        assertThat(state.degraded()).isTrue();
        assertThat(meters.get(PortMeters.BULKHEAD_SATURATION).tag("port", PORT).gauge().value()).isEqualTo(1.0);

        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
        assertThat(guard.state(PORT).orElseThrow().activeCalls()).isZero();
        assertThat(guard.breaker(PORT).getState()).as("a full bulkhead is not the port's fault")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theTimeoutComesFromConfigurationThenTheContractsSlaThenTheDefault() {
        OutputPortContract withSla = withLatency("2", "s");
        PortTimeouts timeouts = new PortTimeouts(settingsWith(Map.of("configured",
                new ResilienceProperties.Port(Duration.ofSeconds(7), null)), true), Duration.ofSeconds(30),
                id -> Optional.of(withSla));
        assertThat(timeouts.of("configured")).isEqualTo(new PortTimeouts.Timeout(Duration.ofSeconds(7),
                PortTimeouts.CONFIGURATION));
        assertThat(timeouts.of("other")).isEqualTo(new PortTimeouts.Timeout(Duration.ofSeconds(2), PortTimeouts.SLA));

        PortTimeouts withoutSla = new PortTimeouts(settingsWith(Map.of(), false), Duration.ofSeconds(30),
                id -> Optional.of(withSla));
        assertThat(withoutSla.of("other")).isEqualTo(new PortTimeouts.Timeout(Duration.ofSeconds(30),
                PortTimeouts.DEFAULT));
        PortTimeouts unknown = new PortTimeouts(settingsWith(Map.of(), true), Duration.ofSeconds(30),
                id -> Optional.empty());
        assertThat(unknown.of("other").source()).isEqualTo(PortTimeouts.DEFAULT);
    }

    @Test
    void onlyAnSlaLatencyInMillisecondsSecondsOrMinutesIsATimeout() {
        assertThat(SlaTimeout.of(withLatency("2", "s"))).contains(Duration.ofSeconds(2));
        assertThat(SlaTimeout.of(withLatency("250", "ms"))).contains(Duration.ofMillis(250));
        assertThat(SlaTimeout.of(withLatency("1.5", "min"))).contains(Duration.ofSeconds(90));
        assertThat(SlaTimeout.of(withLatency("4", "d"))).as("data latency, not a query's").isEmpty();
        assertThat(SlaTimeout.of(withLatency("soon", "s"))).isEmpty();
        assertThat(SlaTimeout.of(withLatency("-1", "s"))).isEmpty();
        assertThat(SlaTimeout.of(withLatency("2", null))).isEmpty();
    }

    private PortResilience guard(ResilienceProperties settings) {
        return new PortResilience(settings, Duration.ofSeconds(30), id -> Optional.empty(), meters, clock);
    }

    private PortResilience guard(ResilienceProperties settings,
            Map<String, ResilienceProperties.Port> ports) {
        ResilienceProperties withPorts = new ResilienceProperties(settings.maxConcurrentCalls(),
                settings.maxWait(), settings.retryAttempts(), settings.retryWait(), settings.failureRateThreshold(),
                settings.slidingWindow(), settings.minimumCalls(), settings.openDuration(), settings.halfOpenCalls(),
                settings.slaTimeouts(), ports);
        return guard(withPorts);
    }

    private static ResilienceProperties settings(int retryAttempts, int minimumCalls) {
        return new ResilienceProperties(32, Duration.ZERO, retryAttempts, Duration.ofMillis(100), 50, 10,
                minimumCalls, Duration.ofSeconds(10), 3, true, Map.of());
    }

    private static ResilienceProperties settingsWith(Map<String, ResilienceProperties.Port> ports,
            boolean slaTimeouts) {
        return new ResilienceProperties(32, Duration.ZERO, 2, Duration.ofMillis(100), 50, 10, 10,
                Duration.ofSeconds(10), 3, slaTimeouts, ports);
    }

    private static GuardedCall<String> failing(AtomicInteger attempts, ErrorCode code) {
        return attempt -> {
            attempts.incrementAndGet();
            throw failure(code);
        };
    }

    private static PortFailure failure(ErrorCode code) {
        String message = switch (code) {
            case PORT_UNAVAILABLE -> "port '" + PORT + "' cannot be reached";
            case PORT_TIMEOUT -> "port '" + PORT + "' did not answer in time.";
            default -> "port '" + PORT + "' failed: " + code;
        };
        return new PortFailure(code, PORT, message);
    }

    private void receiveBatch(PortCallAttempt attempt, int rows) {
        try (BigIntVector ids = new BigIntVector("id", allocator)) {
            ids.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                ids.set(row, row);
            }
            ids.setValueCount(rows);
            try (VectorSchemaRoot batch = VectorSchemaRoot.of(ids)) {
                attempt.received(batch);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The demo's crm contract with the SLA a test needs: a daily frequency and this latency. */
    private static OutputPortContract withLatency(String value, String unit) {
        return ContractBuilder.withSla(ContractBuilder.demo(DemoDomain.CRM),
                new SlaProperty("frequency", "1", "d", null, null),
                new SlaProperty("latency", value, unit, null, "answers within"));
    }
}
