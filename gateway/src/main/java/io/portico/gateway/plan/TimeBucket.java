package io.portico.gateway.plan;

import org.jooq.DatePart;

/**
 * A time bucket a date or timestamp group key is truncated to: the start of its hour, day, ISO week (Monday), month,
 * quarter or year, in the aggregate's time zone for a timestamp with a zone (UTC unless given).
 */
public enum TimeBucket {
    HOUR(DatePart.HOUR),
    DAY(DatePart.DAY),
    WEEK(DatePart.WEEK),
    MONTH(DatePart.MONTH),
    QUARTER(DatePart.QUARTER),
    YEAR(DatePart.YEAR);

    private final DatePart datePart;

    TimeBucket(DatePart datePart) {
        this.datePart = datePart;
    }

    /** The part jOOQ truncates to ({@code DSL.trunc}), rendered in the port's dialect. */
    DatePart datePart() {
        return datePart;
    }
}
