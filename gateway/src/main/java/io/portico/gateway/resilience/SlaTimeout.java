package io.portico.gateway.resilience;

import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.SlaProperty;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The call timeout a contract's SLA promises: its {@code latency} (also read: {@code responseTime},
 * {@code timeout}) when the unit is milliseconds, seconds or minutes, e.g. {@code property: latency, value: 2,
 * unit: s}. ODCS also uses {@code latency} for how old data may be ({@code value: 4, unit: d}); a latency in hours,
 * days or longer is that kind and says nothing about a query, so it is not a timeout.
 */
final class SlaTimeout {

    private static final Set<String> PROPERTIES = Set.of("latency", "responsetime", "timeout");

    private SlaTimeout() {
    }

    /** The timeout the contract's SLA implies, if any. */
    static Optional<Duration> of(OutputPortContract contract) {
        for (SlaProperty sla : contract.slaProperties()) {
            if (PROPERTIES.contains(sla.property().toLowerCase(Locale.ROOT))) {
                Optional<Duration> timeout = duration(sla.value(), sla.unit());
                if (timeout.isPresent()) {
                    return timeout;
                }
            }
        }
        return Optional.empty();
    }

    /** A positive duration of {@code value} in {@code unit} (ms, s or min and their spellings), if it is one. */
    static Optional<Duration> duration(String value, String unit) {
        if (value == null || unit == null) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long millisPerUnit = switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "ms", "millis", "millisecond", "milliseconds" -> 1;
            case "s", "sec", "secs", "second", "seconds" -> 1_000;
            case "m", "min", "mins", "minute", "minutes" -> 60_000;
            default -> 0;
        };
        if (millisPerUnit == 0 || amount.signum() <= 0) {
            return Optional.empty();
        }
        long millis = amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue();
        return millis < 1 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
