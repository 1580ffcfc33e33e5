package io.portico.schema.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an ODCS SLA value with a time unit ({@code value: 4, unit: d}) as a {@link Duration}. The units are the
 * ones the ODCS standard lists ({@code d}, {@code day}, {@code days}; {@code y}, {@code yr}, {@code years}) plus
 * the finer ones a freshness needs: {@code ms}, {@code s}/{@code sec}/{@code second(s)}, {@code m}/{@code min}/
 * {@code minute(s)}, {@code h}/{@code hr}/{@code hour(s)}, {@code w}/{@code week(s)}. A year is 365 days.
 */
public final class SlaDuration {

    private SlaDuration() {}

    /**
     * @return the duration, or empty when the value is not a non-negative number or the unit is not a time unit
     */
    public static Optional<Duration> parse(String value, String unit) {
        if (value == null || unit == null) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.trim());
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        if (amount.signum() < 0) {
            return Optional.empty();
        }
        return millisPerUnit(unit.trim().toLowerCase(Locale.ROOT))
                .map(millis -> Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millis)).longValue()));
    }

    private static Optional<Long> millisPerUnit(String unit) {
        long second = 1_000L;
        long day = 86_400L * second;
        return Optional.ofNullable(switch (unit) {
            case "ms", "millisecond", "milliseconds" -> 1L;
            case "s", "sec", "second", "seconds" -> second;
            case "m", "min", "minute", "minutes" -> 60 * second;
            case "h", "hr", "hour", "hours" -> 3_600 * second;
            case "d", "day", "days" -> day;
            case "w", "week", "weeks" -> 7 * day;
            case "y", "yr", "year", "years" -> 365 * day;
            default -> null;
        });
    }
}
