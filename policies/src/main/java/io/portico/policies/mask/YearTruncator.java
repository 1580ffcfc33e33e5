package io.portico.policies.mask;

import java.time.LocalDate;
import java.time.temporal.ChronoField;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The {@code year-only} mask on dates and timestamps: each value becomes January 1st (00:00) of its year, computed
 * on the epoch numbers Arrow stores (days, milliseconds, or a timestamp's unit since 1970-01-01T00:00). A zoned
 * timestamp stores an instant, so it becomes January 1st 00:00 UTC; a timestamp without zone stores a wall-clock
 * time, so it becomes January 1st 00:00 of that wall clock. A result the type cannot hold is null: a nanosecond
 * timestamp in 1677, whose January 1st is before the smallest one, or a Date32 in the year -5877641 likewise.
 */
final class YearTruncator {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long SMALLEST_EPOCH_DAY = ChronoField.EPOCH_DAY.range().getMinimum();
    private static final long LARGEST_EPOCH_DAY = ChronoField.EPOCH_DAY.range().getMaximum();
    private static final long NOT_REPRESENTABLE = Long.MIN_VALUE;

    private YearTruncator() {
    }

    /**
     * Writes the truncated values of {@code source} to {@code target} (its unallocated twin).
     *
     * @return false, with {@code target} untouched, when {@code source} is neither a date nor a timestamp column
     */
    static boolean write(FieldVector source, FieldVector target) {
        ArrowType type = source.getField().getType();
        if (source instanceof DateDayVector days) {
            truncateDays(days, (DateDayVector) target);
            return true;
        }
        if (source instanceof DateMilliVector millis) {
            truncateMillis(millis, (DateMilliVector) target);
            return true;
        }
        if (type instanceof ArrowType.Timestamp timestamp && source instanceof TimeStampVector timestamps) {
            truncateTimestamps(timestamps, (TimeStampVector) target, unitsPerSecond(timestamp));
            return true;
        }
        return false;
    }

    private static void truncateDays(DateDayVector source, DateDayVector target) {
        int valueCount = source.getValueCount();
        TargetVectors.allocate(target, valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            long truncated = firstDayOfYear(source.get(index));
            if (truncated >= Integer.MIN_VALUE) {
                target.set(index, (int) truncated);
            }
        }
        target.setValueCount(valueCount);
    }

    private static void truncateMillis(DateMilliVector source, DateMilliVector target) {
        int valueCount = source.getValueCount();
        TargetVectors.allocate(target, valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            long truncated = truncate(source.get(index), MILLIS_PER_DAY);
            if (truncated != NOT_REPRESENTABLE) {
                target.set(index, truncated);
            }
        }
        target.setValueCount(valueCount);
    }

    private static void truncateTimestamps(TimeStampVector source, TimeStampVector target, long unitsPerSecond) {
        int valueCount = source.getValueCount();
        long unitsPerDay = SECONDS_PER_DAY * unitsPerSecond;
        TargetVectors.allocate(target, valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            long truncated = truncate(source.get(index), unitsPerDay);
            if (truncated != NOT_REPRESENTABLE) {
                target.set(index, truncated);
            }
        }
        target.setValueCount(valueCount);
    }

    /**
     * January 1st 00:00 of the year of {@code value} (in units of {@code unitsPerDay} per day since the epoch), or
     * {@link #NOT_REPRESENTABLE} when that day is out of the calendar's or the long's range. {@code Long.MIN_VALUE}
     * itself is never a January 1st at midnight in any unit, so it cannot be mistaken for a result.
     */
    private static long truncate(long value, long unitsPerDay) {
        long epochDay = Math.floorDiv(value, unitsPerDay);
        if (epochDay < SMALLEST_EPOCH_DAY || epochDay > LARGEST_EPOCH_DAY) {
            return NOT_REPRESENTABLE;
        }
        try {
            return Math.multiplyExact(firstDayOfYear(epochDay), unitsPerDay);
        } catch (ArithmeticException overflow) {
            return NOT_REPRESENTABLE;
        }
    }

    private static long firstDayOfYear(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).withDayOfYear(1).toEpochDay();
    }

    private static long unitsPerSecond(ArrowType.Timestamp timestamp) {
        return switch (timestamp.getUnit()) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }
}
