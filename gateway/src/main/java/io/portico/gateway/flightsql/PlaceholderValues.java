package io.portico.gateway.flightsql;

import io.portico.schema.compose.AggregateRules;
import io.portico.schema.compose.FieldBinding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A value of a column's type that stands for a parameter not bound yet, so a prepared statement can be planned
 * (and its answer's schema told) before the client binds its parameters. Never sent to a port.
 */
final class PlaceholderValues {

    private PlaceholderValues() {
    }

    static Object of(FieldBinding field) {
        String scalar = AggregateRules.scalar(field);
        return switch (scalar == null ? "" : scalar) {
            case "Int" -> 0;
            case "Long" -> 0L;
            case "Float" -> 0.0;
            case "BigDecimal" -> BigDecimal.ZERO;
            case "Boolean" -> Boolean.FALSE;
            case "Date" -> LocalDate.EPOCH;
            case "LocalTime" -> LocalTime.MIDNIGHT;
            case "LocalDateTime" -> LocalDateTime.of(1970, 1, 1, 0, 0);
            case "DateTime" -> OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            default -> "";
        };
    }
}
