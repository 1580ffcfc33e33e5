package io.portico.schema.compat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Compares two Arrow types that map to the same GraphQL type: do the live values still fit the candidate type
 * (widened, or only encoded differently), do some no longer fit or lose precision (narrowed), or are they rendered
 * differently (another time zone, another interval form)? Containers (lists, structs) are compared as containers
 * only; their children are compared by {@link FieldTypeComparison}.
 */
final class ArrowTypeComparison {

    /** One Arrow-level difference under an unchanged GraphQL type. */
    record ArrowDifference(ChangeKind kind, String reason) {
    }

    private static final BigInteger TWO = BigInteger.TWO;

    private ArrowTypeComparison() {
    }

    static List<ArrowDifference> compare(ArrowType live, ArrowType candidate) {
        if (live.equals(candidate) || sameZoneLessTimestamp(live, candidate)) {
            return List.of();
        }
        return switch (live) {
            case ArrowType.Int integer -> numeric(live, candidate);
            case ArrowType.Decimal decimal -> numeric(live, candidate);
            case ArrowType.FloatingPoint floating -> floating(floating, candidate);
            case ArrowType.Utf8 utf8 -> sameValues("text");
            case ArrowType.LargeUtf8 utf8 -> sameValues("text");
            case ArrowType.Utf8View utf8 -> sameValues("text");
            case ArrowType.Date date -> date(date, candidate);
            case ArrowType.Time time -> time(time, candidate);
            case ArrowType.Timestamp timestamp -> timestamp(timestamp, candidate);
            case ArrowType.Duration duration -> duration(live, candidate);
            case ArrowType.Interval interval -> duration(live, candidate);
            case ArrowType.Binary binary -> binary(live, candidate);
            case ArrowType.LargeBinary binary -> binary(live, candidate);
            case ArrowType.BinaryView binary -> binary(live, candidate);
            case ArrowType.FixedSizeBinary binary -> binary(live, candidate);
            case ArrowType.List list -> list(live, candidate);
            case ArrowType.LargeList list -> list(live, candidate);
            case ArrowType.FixedSizeList list -> list(live, candidate);
            case ArrowType.Map map -> list(live, candidate);
            case ArrowType.Struct struct -> List.of();
            default -> narrowed("the port sends another type than before");
        };
    }

    private static boolean sameZoneLessTimestamp(ArrowType live, ArrowType candidate) {
        return live instanceof ArrowType.Timestamp left && candidate instanceof ArrowType.Timestamp right
                && left.getUnit() == right.getUnit()
                && !ArrowTypeNames.hasZone(left) && !ArrowTypeNames.hasZone(right);
    }

    /** Exact numbers (integers, decimals): range and decimals of the candidate must cover the live ones. */
    private static List<ArrowDifference> numeric(ArrowType live, ArrowType candidate) {
        Optional<NumericRange> liveRange = NumericRange.of(live);
        Optional<NumericRange> candidateRange = NumericRange.of(candidate);
        if (liveRange.isEmpty() || candidateRange.isEmpty()) {
            return narrowed("the port sends another kind of number than before");
        }
        NumericRange before = liveRange.get();
        NumericRange after = candidateRange.get();
        List<String> losses = new ArrayList<>();
        if (after.min().compareTo(before.min()) > 0 || after.max().compareTo(before.max()) < 0) {
            losses.add("values outside " + after.min().toPlainString() + " .. " + after.max().toPlainString()
                    + " no longer fit");
        }
        if (after.scale() < before.scale()) {
            losses.add("digits after the " + ordinal(after.scale()) + " decimal are lost");
        }
        if (losses.isEmpty()) {
            return widened("every live value still fits");
        }
        return narrowed(String.join(" and ", losses));
    }

    private static String ordinal(int scale) {
        return switch (scale) {
            case 0 -> "decimal point: fractions";
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> scale + "th";
        };
    }

    private static List<ArrowDifference> floating(ArrowType.FloatingPoint live, ArrowType candidate) {
        if (!(candidate instanceof ArrowType.FloatingPoint after)) {
            return narrowed("the port sends another kind of number than before");
        }
        return after.getPrecision().compareTo(live.getPrecision()) >= 0
                ? widened("every live value still fits")
                : narrowed("values lose precision and range");
    }

    private static List<ArrowDifference> sameValues(String what) {
        return widened("the same " + what + " in another Arrow encoding");
    }

    private static List<ArrowDifference> date(ArrowType.Date live, ArrowType candidate) {
        if (!(candidate instanceof ArrowType.Date after)) {
            return narrowed("the port sends another type than before");
        }
        return after.getUnit() == DateUnit.MILLISECOND
                ? widened("date64 holds every date32 value")
                : narrowed("dates beyond about 5.8 million years from 1970 no longer fit");
    }

    private static List<ArrowDifference> time(ArrowType.Time live, ArrowType candidate) {
        if (!(candidate instanceof ArrowType.Time after)) {
            return narrowed("the port sends another type than before");
        }
        return after.getUnit().compareTo(live.getUnit()) >= 0
                ? widened("a time of day keeps all its digits")
                : narrowed("fractions of a second finer than " + ArrowTypeNames.unit(after.getUnit()) + " are lost");
    }

    private static List<ArrowDifference> timestamp(ArrowType.Timestamp live, ArrowType candidate) {
        if (!(candidate instanceof ArrowType.Timestamp after)) {
            return narrowed("the port sends another type than before");
        }
        List<ArrowDifference> differences = new ArrayList<>(unitChange(live.getUnit(), after.getUnit(), "timestamps"));
        if (ArrowTypeNames.hasZone(live) && ArrowTypeNames.hasZone(after)
                && !live.getTimezone().equals(after.getTimezone())) {
            differences.add(new ArrowDifference(ChangeKind.ARROW_VALUE_FORMAT_CHANGED, "the same instants are"
                    + " rendered at the offset of " + after.getTimezone() + " instead of " + live.getTimezone()));
        }
        return differences;
    }

    /** A time unit change loses precision (coarser) or range (finer: nanosecond timestamps end in 2262). */
    private static List<ArrowDifference> unitChange(TimeUnit live, TimeUnit candidate, String what) {
        if (live == candidate) {
            return List.of();
        }
        if (candidate.compareTo(live) < 0) {
            return narrowed("precision finer than " + ArrowTypeNames.unit(candidate) + " is lost");
        }
        return narrowed("the range of " + what + " shrinks (in " + ArrowTypeNames.unit(candidate)
                + " a 64-bit value spans about " + spanOf(candidate) + "), so far values no longer fit");
    }

    private static String spanOf(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "292 billion years";
            case MILLISECOND -> "292 million years";
            case MICROSECOND -> "292,000 years";
            case NANOSECOND -> "292 years: 1677 to 2262";
        };
    }

    /** Durations and intervals: time-based, date-based and mixed forms render differently. */
    private static List<ArrowDifference> duration(ArrowType live, ArrowType candidate) {
        String liveForm = durationForm(live);
        String candidateForm = durationForm(candidate);
        if (!liveForm.equals(candidateForm)) {
            return List.of(new ArrowDifference(ChangeKind.ARROW_VALUE_FORMAT_CHANGED,
                    "values are rendered as " + candidateForm + " instead of " + liveForm));
        }
        Optional<TimeUnit> liveUnit = durationUnit(live);
        Optional<TimeUnit> candidateUnit = durationUnit(candidate);
        if (liveUnit.isPresent() && candidateUnit.isPresent()) {
            List<ArrowDifference> differences = unitChange(liveUnit.get(), candidateUnit.get(), "durations");
            return differences.isEmpty() ? widened("the same durations in another Arrow encoding") : differences;
        }
        return widened("the same durations in another Arrow encoding");
    }

    private static String durationForm(ArrowType type) {
        if (type instanceof ArrowType.Interval interval) {
            return switch (interval.getUnit()) {
                case YEAR_MONTH -> "years and months (P1Y2M)";
                case DAY_TIME -> "a time-based duration (PT36H)";
                case MONTH_DAY_NANO -> "months, days and time (P1M2DT3H)";
            };
        }
        return "a time-based duration (PT36H)";
    }

    private static Optional<TimeUnit> durationUnit(ArrowType type) {
        if (type instanceof ArrowType.Duration duration) {
            return Optional.of(duration.getUnit());
        }
        if (type instanceof ArrowType.Interval interval && interval.getUnit() == IntervalUnit.DAY_TIME) {
            return Optional.of(TimeUnit.MILLISECOND);
        }
        return Optional.empty();
    }

    private static List<ArrowDifference> binary(ArrowType live, ArrowType candidate) {
        Integer liveWidth = live instanceof ArrowType.FixedSizeBinary fixed ? fixed.getByteWidth() : null;
        Integer candidateWidth = candidate instanceof ArrowType.FixedSizeBinary fixed ? fixed.getByteWidth() : null;
        return fixedSize(liveWidth, candidateWidth, "bytes", "binary values");
    }

    private static List<ArrowDifference> list(ArrowType live, ArrowType candidate) {
        if (candidate instanceof ArrowType.Map && !(live instanceof ArrowType.Map)) {
            return narrowed("a map needs unique, non-null keys, which the live list entries need not have");
        }
        Integer liveSize = live instanceof ArrowType.FixedSizeList fixed ? fixed.getListSize() : null;
        Integer candidateSize = candidate instanceof ArrowType.FixedSizeList fixed ? fixed.getListSize() : null;
        return fixedSize(liveSize, candidateSize, "elements", "lists");
    }

    private static List<ArrowDifference> fixedSize(Integer live, Integer candidate, String unit, String what) {
        if (candidate == null) {
            return widened("the same " + what + " in another Arrow encoding");
        }
        if (Objects.equals(live, candidate)) {
            return List.of();
        }
        return narrowed("only " + what + " of exactly " + candidate + " " + unit + " fit");
    }

    private static List<ArrowDifference> narrowed(String reason) {
        return List.of(new ArrowDifference(ChangeKind.ARROW_TYPE_NARROWED, reason));
    }

    private static List<ArrowDifference> widened(String reason) {
        return List.of(new ArrowDifference(ChangeKind.ARROW_TYPE_WIDENED, reason));
    }

    /** The values an exact numeric Arrow type holds: from min to max with at most {@code scale} decimals. */
    private record NumericRange(BigDecimal min, BigDecimal max, int scale) {

        static Optional<NumericRange> of(ArrowType type) {
            if (type instanceof ArrowType.Int integer) {
                int bits = integer.getBitWidth();
                if (integer.getIsSigned()) {
                    BigInteger limit = TWO.pow(bits - 1);
                    return Optional.of(new NumericRange(new BigDecimal(limit.negate()),
                            new BigDecimal(limit.subtract(BigInteger.ONE)), 0));
                }
                return Optional.of(new NumericRange(BigDecimal.ZERO,
                        new BigDecimal(TWO.pow(bits).subtract(BigInteger.ONE)), 0));
            }
            if (type instanceof ArrowType.Decimal decimal) {
                BigDecimal max = new BigDecimal(BigInteger.TEN.pow(decimal.getPrecision()).subtract(BigInteger.ONE),
                        decimal.getScale());
                return Optional.of(new NumericRange(max.negate(), max, decimal.getScale()));
            }
            return Optional.empty();
        }
    }
}
