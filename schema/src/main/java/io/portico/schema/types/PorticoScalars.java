package io.portico.schema.types;

import graphql.Scalars;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.vector.PeriodDuration;

/**
 * The custom GraphQL scalars of Portico's schema, one per Java value kind {@link ColumnReader}s produce beyond
 * the built-in {@code Int}, {@code Float}, {@code String} and {@code Boolean}.
 *
 * <table>
 *   <caption>Wire forms</caption>
 *   <tr><th>Scalar</th><th>Java value</th><th>JSON</th></tr>
 *   <tr><td>{@code Long}</td><td>{@link Long}</td><td>number (int64)</td></tr>
 *   <tr><td>{@code BigDecimal}</td><td>{@link java.math.BigDecimal}</td><td>string, plain notation, e.g. {@code "12.50"};
 *       input also as a number</td></tr>
 *   <tr><td>{@code Date}</td><td>{@link LocalDate}</td><td>string, ISO-8601 {@code 2024-03-31}</td></tr>
 *   <tr><td>{@code DateTime}</td><td>{@link OffsetDateTime}</td><td>string, RFC 3339 {@code 2024-03-31T12:00:00Z}</td></tr>
 *   <tr><td>{@code LocalDateTime}</td><td>{@link LocalDateTime}</td><td>string, ISO-8601 without offset
 *       {@code 2024-03-31T12:00:00}</td></tr>
 *   <tr><td>{@code LocalTime}</td><td>{@link LocalTime}</td><td>string, ISO-8601 {@code 12:00:00.5}</td></tr>
 *   <tr><td>{@code Base64}</td><td>{@code byte[]}</td><td>string, RFC 4648 base64 with padding</td></tr>
 *   <tr><td>{@code Duration}</td><td>{@link Duration}, {@link Period} or Arrow {@link PeriodDuration}</td>
 *       <td>string, ISO-8601 duration {@code PT1H30M} / {@code P1Y2M}</td></tr>
 * </table>
 *
 * <p>Every scalar rejects bad input with a {@code CoercingParseValueException} or
 * {@code CoercingParseLiteralException} whose message names the expected format.
 */
public final class PorticoScalars {

    /** int64 as a JSON number (graphql-java-extended-scalars' {@code Long}). */
    public static final GraphQLScalarType LONG = ExtendedScalars.GraphQLLong;

    /** Exact decimal, serialized as a JSON string so no client loses digits. */
    public static final GraphQLScalarType BIG_DECIMAL = GraphQLScalarType.newScalar()
            .name("BigDecimal")
            .description("An exact decimal number. Serialized as a JSON string in plain notation (e.g. \"12.50\"), "
                    + "accepted as a string or a number.")
            .coercing(new BigDecimalCoercing())
            .build();

    /** A calendar date without time or zone. */
    public static final GraphQLScalarType DATE = textScalar("Date",
            "A calendar date, ISO-8601 (e.g. \"2024-03-31\").",
            "an ISO-8601 date such as \"2024-03-31\"",
            LocalDate::parse,
            value -> value instanceof LocalDate date ? DateTimeFormatter.ISO_LOCAL_DATE.format(date) : null);

    /** An instant with its UTC offset: Arrow timestamps with a time zone. */
    public static final GraphQLScalarType DATE_TIME = textScalar("DateTime",
            "An instant with its UTC offset, RFC 3339 (e.g. \"2024-03-31T12:00:00Z\" or \"2024-03-31T14:00:00+02:00\").",
            "an RFC 3339 date-time with offset such as \"2024-03-31T12:00:00Z\"",
            text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            PorticoScalars::formatDateTime);

    /** A date and time without offset: Arrow timestamps without a time zone. */
    public static final GraphQLScalarType LOCAL_DATE_TIME = textScalar("LocalDateTime",
            "A date and time without offset or zone, ISO-8601 (e.g. \"2024-03-31T12:00:00\").",
            "an ISO-8601 date-time without offset such as \"2024-03-31T12:00:00\"",
            text -> LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME),
            value -> value instanceof LocalDateTime dateTime
                    ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime) : null);

    /** A time of day without date or zone. */
    public static final GraphQLScalarType LOCAL_TIME = textScalar("LocalTime",
            "A time of day without date or zone, ISO-8601 (e.g. \"12:00:00\" or \"12:00:00.123456\").",
            "an ISO-8601 time such as \"12:00:00\"",
            text -> LocalTime.parse(text, DateTimeFormatter.ISO_LOCAL_TIME),
            value -> value instanceof LocalTime time ? DateTimeFormatter.ISO_LOCAL_TIME.format(time) : null);

    /** Bytes as base64 text. */
    public static final GraphQLScalarType BASE64 = textScalar("Base64",
            "Binary data as RFC 4648 base64 text with padding (e.g. \"AQID\").",
            "RFC 4648 base64 text such as \"AQID\"",
            text -> Base64.getDecoder().decode(text),
            value -> value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : null);

    /** An amount of time: Arrow durations and intervals. */
    public static final GraphQLScalarType DURATION = textScalar("Duration",
            "An amount of time, ISO-8601 duration (e.g. \"PT1H30M\", \"P1Y2M\" or \"P1M2DT3H\").",
            "an ISO-8601 duration such as \"PT1H30M\" or \"P1Y2M\"",
            PorticoScalars::parseDuration,
            PorticoScalars::formatDuration);

    private static final List<GraphQLScalarType> ALL =
            List.of(LONG, BIG_DECIMAL, DATE, DATE_TIME, LOCAL_DATE_TIME, LOCAL_TIME, BASE64, DURATION);

    private static final Map<String, GraphQLScalarType> BY_NAME = byName();

    private PorticoScalars() {
    }

    /** Every custom scalar, in a fixed order; add them all to a schema that uses {@link ArrowTypeMapping}. */
    public static List<GraphQLScalarType> all() {
        return ALL;
    }

    /**
     * The scalar a {@link GraphQLTypeRef.Scalar} names: one of {@link #all()} or a GraphQL built-in
     * ({@code Int}, {@code Float}, {@code String}, {@code Boolean}, {@code ID}).
     */
    public static Optional<GraphQLScalarType> forName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, GraphQLScalarType> byName() {
        Map<String, GraphQLScalarType> scalars = new LinkedHashMap<>();
        for (GraphQLScalarType builtIn : List.of(Scalars.GraphQLInt, Scalars.GraphQLFloat, Scalars.GraphQLString,
                Scalars.GraphQLBoolean, Scalars.GraphQLID)) {
            scalars.put(builtIn.getName(), builtIn);
        }
        ALL.forEach(scalar -> scalars.put(scalar.getName(), scalar));
        return Map.copyOf(scalars);
    }

    private static <T> GraphQLScalarType textScalar(String name, String description, String expectedFormat,
            Function<String, T> parser, Function<Object, String> formatter) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new TextScalarCoercing<>(name, expectedFormat, parser, formatter))
                .build();
    }

    private static String formatDateTime(Object value) {
        OffsetDateTime dateTime = switch (value) {
            case OffsetDateTime offsetDateTime -> offsetDateTime;
            case ZonedDateTime zonedDateTime -> zonedDateTime.toOffsetDateTime();
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            default -> null;
        };
        return dateTime == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    }

    private static TemporalAmount parseDuration(String text) {
        boolean hasTimePart = text.indexOf('T') >= 0 || text.indexOf('t') >= 0;
        boolean hasCalendarPart = text.matches("(?i)[-+]?P(?:[-+]?\\d+[YMW])+.*");
        if (hasTimePart && !hasCalendarPart) {
            return Duration.parse(text);
        }
        if (!hasTimePart) {
            return Period.parse(text);
        }
        int timeStart = Math.max(text.indexOf('T'), text.indexOf('t'));
        Period period = Period.parse(text.substring(0, timeStart));
        Duration duration = Duration.parse("P" + text.substring(timeStart));
        return new PeriodDuration(period, duration);
    }

    private static String formatDuration(Object value) {
        return switch (value) {
            case Duration duration -> duration.toString();
            case Period period -> period.toString();
            case PeriodDuration periodDuration -> periodDuration.toISO8601IntervalString();
            default -> null;
        };
    }
}
