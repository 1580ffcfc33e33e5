package io.portico.schema.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.arrow.vector.PeriodDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PorticoScalarsTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @Test
    void allListsEveryScalarOnceInAFixedOrder() {
        assertThat(PorticoScalars.all()).extracting(GraphQLScalarType::getName).containsExactly(
                "Long", "BigDecimal", "Date", "DateTime", "LocalDateTime", "LocalTime", "Base64", "Duration");
        assertThat(PorticoScalars.all()).allSatisfy(scalar -> assertThat(scalar.getDescription()).isNotBlank());
    }

    @Test
    void forNameResolvesBuiltInsAndPorticoScalars() {
        assertThat(PorticoScalars.forName("Int")).isPresent();
        assertThat(PorticoScalars.forName("Float")).isPresent();
        assertThat(PorticoScalars.forName("String")).isPresent();
        assertThat(PorticoScalars.forName("Boolean")).isPresent();
        assertThat(PorticoScalars.forName("DateTime")).contains(PorticoScalars.DATE_TIME);
        assertThat(PorticoScalars.forName("Nope")).isEmpty();
    }

    /** scalar, Java value, wire form; the value also parses back from the wire form (as variable and as literal). */
    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("BigDecimal", new BigDecimal("12.50"), "12.50"),
                Arguments.of("BigDecimal", new BigDecimal("-0.000000000000000000001"), "-0.000000000000000000001"),
                Arguments.of("Date", LocalDate.of(2024, 3, 31), "2024-03-31"),
                Arguments.of("DateTime", OffsetDateTime.of(2024, 3, 31, 12, 0, 0, 0, ZoneOffset.UTC),
                        "2024-03-31T12:00:00Z"),
                Arguments.of("DateTime", OffsetDateTime.of(2024, 3, 31, 14, 0, 0, 123_000_000, ZoneOffset.ofHours(2)),
                        "2024-03-31T14:00:00.123+02:00"),
                Arguments.of("LocalDateTime", LocalDateTime.of(2024, 3, 31, 12, 0), "2024-03-31T12:00:00"),
                Arguments.of("LocalDateTime", LocalDateTime.of(2024, 3, 31, 12, 0, 0, 1), "2024-03-31T12:00:00.000000001"),
                Arguments.of("LocalTime", LocalTime.of(12, 0), "12:00:00"),
                Arguments.of("LocalTime", LocalTime.of(23, 59, 59, 999_999_000), "23:59:59.999999"),
                Arguments.of("Base64", new byte[] {1, 2, 3}, "AQID"),
                Arguments.of("Duration", Duration.ofMinutes(90), "PT1H30M"),
                Arguments.of("Duration", Period.of(1, 2, 0), "P1Y2M"),
                Arguments.of("Duration", new PeriodDuration(Period.of(0, 1, 2), Duration.ofHours(3)), "P1M2DT3H"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("roundTrips")
    void serializesAndParsesBack(String scalarName, Object value, String wire) {
        Coercing<?, ?> coercing = coercing(scalarName);

        assertThat(coercing.serialize(value, CONTEXT, Locale.ROOT)).isEqualTo(wire);
        assertThat(coercing.parseValue(wire, CONTEXT, Locale.ROOT)).isEqualTo(value);
        assertThat(coercing.parseLiteral(StringValue.of(wire), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isEqualTo(value);
        assertThat(coercing.valueToLiteral(value, CONTEXT, Locale.ROOT))
                .isInstanceOfSatisfying(StringValue.class, literal -> assertThat(literal.getValue()).isEqualTo(wire));
    }

    @Test
    void longIsAJsonNumber() {
        assertThat(PorticoScalars.LONG.getCoercing().serialize(Long.MAX_VALUE, CONTEXT, Locale.ROOT))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void bigDecimalAcceptsNumbersAndStrings() {
        Coercing<?, ?> coercing = coercing("BigDecimal");

        assertThat(coercing.parseValue(12, CONTEXT, Locale.ROOT)).isEqualTo(new BigDecimal("12"));
        assertThat(coercing.parseValue(12L, CONTEXT, Locale.ROOT)).isEqualTo(new BigDecimal("12"));
        assertThat(coercing.parseValue(1.25, CONTEXT, Locale.ROOT)).isEqualTo(new BigDecimal("1.25"));
        assertThat(coercing.parseValue(new BigInteger("18446744073709551615"), CONTEXT, Locale.ROOT))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(parseLiteral(coercing, new IntValue(new BigInteger("99999999999999999999"))))
                .isEqualTo(new BigDecimal("99999999999999999999"));
        assertThat(parseLiteral(coercing, new FloatValue(new BigDecimal("0.10")))).isEqualTo(new BigDecimal("0.10"));
        assertThat(coercing.serialize(1.5, CONTEXT, Locale.ROOT)).isEqualTo("1.5");
        assertThat(coercing.serialize(7L, CONTEXT, Locale.ROOT)).isEqualTo("7");
        assertThat(coercing.serialize(new BigDecimal("1E+3"), CONTEXT, Locale.ROOT)).isEqualTo("1000");
    }

    @Test
    void bigDecimalRejectsBadInputNamingTheFormat() {
        Coercing<?, ?> coercing = coercing("BigDecimal");

        assertThatThrownBy(() -> coercing.parseValue("12,5", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessageContaining("invalid BigDecimal '12,5'")
                .hasMessageContaining("a decimal number");
        assertThatThrownBy(() -> coercing.parseValue(true, CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessageContaining("Boolean");
        assertThatThrownBy(() -> coercing.parseValue(Double.NaN, CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class);
        assertThatThrownBy(() -> coercing.parseValue("1e999999999", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessageContaining("1e999999999");
        assertThatThrownBy(() -> parseLiteral(coercing, new BooleanValue(true)))
                .isInstanceOf(CoercingParseLiteralException.class)
                .hasMessageContaining("BooleanValue");
        assertThatThrownBy(() -> parseLiteral(coercing, StringValue.of("abc")))
                .isInstanceOf(CoercingParseLiteralException.class)
                .hasMessageContaining("invalid BigDecimal 'abc'");
        assertThatThrownBy(() -> coercing.serialize("abc", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingSerializeException.class);
    }

    /** scalar, a malformed string, a fragment the message must contain (the expected format). */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("Date", "31/03/2024", "ISO-8601 date"),
                Arguments.of("Date", "2024-02-30", "ISO-8601 date"),
                Arguments.of("DateTime", "2024-03-31T12:00:00", "RFC 3339"),
                Arguments.of("LocalDateTime", "2024-03-31T12:00:00Z", "without offset"),
                Arguments.of("LocalDateTime", "2024-03-31", "ISO-8601 date-time"),
                Arguments.of("LocalTime", "25:00", "ISO-8601 time"),
                Arguments.of("Base64", "not base64!", "base64"),
                Arguments.of("Duration", "1 hour", "ISO-8601 duration"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformed")
    void rejectsMalformedTextAsVariableAndLiteral(String scalarName, String text, String expectedFormat) {
        Coercing<?, ?> coercing = coercing(scalarName);

        assertThatThrownBy(() -> coercing.parseValue(text, CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessageContaining("invalid " + scalarName + " '" + text + "'")
                .hasMessageContaining(expectedFormat);
        assertThatThrownBy(() -> parseLiteral(coercing, StringValue.of(text)))
                .isInstanceOf(CoercingParseLiteralException.class)
                .hasMessageContaining("invalid " + scalarName)
                .hasMessageContaining(expectedFormat);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textScalarNames")
    void textScalarsRejectNonStringInputAndWrongJavaTypes(String scalarName) {
        Coercing<?, ?> coercing = coercing(scalarName);

        assertThatThrownBy(() -> coercing.parseValue(42, CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class)
                .hasMessageContaining(scalarName + " expects a string")
                .hasMessageContaining("Integer");
        assertThatThrownBy(() -> parseLiteral(coercing, new IntValue(BigInteger.TEN)))
                .isInstanceOf(CoercingParseLiteralException.class)
                .hasMessageContaining(scalarName + " expects a string literal")
                .hasMessageContaining("IntValue");
        assertThatThrownBy(() -> coercing.serialize(new Object(), CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingSerializeException.class)
                .hasMessageContaining(scalarName + " cannot serialize");
    }

    static Stream<String> textScalarNames() {
        return Stream.of("Date", "DateTime", "LocalDateTime", "LocalTime", "Base64", "Duration");
    }

    @Test
    void dateTimeSerializesInstantsInUtc() {
        assertThat(coercing("DateTime").serialize(Instant.parse("2024-03-31T12:00:00Z"), CONTEXT, Locale.ROOT))
                .isEqualTo("2024-03-31T12:00:00Z");
    }

    private static Coercing<?, ?> coercing(String scalarName) {
        return PorticoScalars.forName(scalarName).orElseThrow().getCoercing();
    }

    private static Object parseLiteral(Coercing<?, ?> coercing, Value<?> literal) {
        return coercing.parseLiteral(literal, CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT);
    }
}
