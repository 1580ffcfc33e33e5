package io.portico.schema.types;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The {@code BigDecimal} scalar: exact decimals that survive JSON. Serialized as a JSON string in plain notation
 * (no exponent, scale kept: {@code "12.50"}), because JSON numbers lose digits in most clients. Input may be a
 * string or a number, literal or variable.
 */
final class BigDecimalCoercing implements Coercing<BigDecimal, String> {

    private static final String EXPECTED = "a decimal number such as \"12.50\" (a string or a number, no exponent needed)";
    private static final int MAX_TEXT_LENGTH = 1_000;
    private static final int MAX_SCALE = 1_000;

    @Override
    public String serialize(Object dataFetcherResult, GraphQLContext context, Locale locale) {
        BigDecimal value = switch (dataFetcherResult) {
            case BigDecimal decimal -> decimal;
            case BigInteger integer -> new BigDecimal(integer);
            case Long number -> BigDecimal.valueOf(number);
            case Integer number -> BigDecimal.valueOf(number);
            case Short number -> BigDecimal.valueOf(number);
            case Byte number -> BigDecimal.valueOf(number);
            case Double number when Double.isFinite(number) -> new BigDecimal(number.toString());
            case Float number when Float.isFinite(number) -> new BigDecimal(number.toString());
            case null, default -> throw new CoercingSerializeException("BigDecimal cannot serialize a value of type "
                    + TextScalarCoercing.typeName(dataFetcherResult) + "; expected " + EXPECTED);
        };
        return value.toPlainString();
    }

    @Override
    public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
        try {
            return switch (input) {
                case String text -> parseText(text);
                case BigDecimal decimal -> decimal;
                case BigInteger integer -> new BigDecimal(integer);
                case Long number -> BigDecimal.valueOf(number);
                case Integer number -> BigDecimal.valueOf(number);
                case Short number -> BigDecimal.valueOf(number);
                case Byte number -> BigDecimal.valueOf(number);
                case Double number when Double.isFinite(number) -> new BigDecimal(number.toString());
                case Float number when Float.isFinite(number) -> new BigDecimal(number.toString());
                case null, default -> throw new CoercingParseValueException("BigDecimal expects " + EXPECTED
                        + " but got a value of type " + TextScalarCoercing.typeName(input));
            };
        } catch (NumberFormatException e) {
            throw new CoercingParseValueException(invalidText(input.toString()), e);
        }
    }

    @Override
    public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        try {
            return switch (input) {
                case StringValue text -> parseText(text.getValue());
                case IntValue integer -> new BigDecimal(integer.getValue());
                case FloatValue decimal -> withinScale(decimal.getValue());
                case null, default -> throw new CoercingParseLiteralException("BigDecimal expects " + EXPECTED
                        + " but got " + TextScalarCoercing.literalKind(input));
            };
        } catch (NumberFormatException e) {
            throw new CoercingParseLiteralException(invalidText(literalText(input)), e);
        }
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(serialize(input, context, locale));
    }

    private static BigDecimal parseText(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new NumberFormatException("longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return withinScale(new BigDecimal(text.strip()));
    }

    /** Refuses exponents so large that plain notation (or arithmetic at the port) would be a denial of service. */
    private static BigDecimal withinScale(BigDecimal value) {
        if (Math.abs((long) value.scale()) > MAX_SCALE) {
            throw new NumberFormatException("exponent out of range");
        }
        return value;
    }

    private static String literalText(Value<?> input) {
        if (input instanceof FloatValue decimal) {
            return decimal.getValue().toString();
        }
        return input instanceof StringValue text ? text.getValue() : String.valueOf(input);
    }

    private static String invalidText(String text) {
        return "invalid BigDecimal '" + TextScalarCoercing.abbreviate(text) + "'; expected " + EXPECTED;
    }
}
