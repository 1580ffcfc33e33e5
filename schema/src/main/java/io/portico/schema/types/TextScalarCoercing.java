package io.portico.schema.types;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Coercing of a scalar whose wire form is a JSON string in a fixed text format (ISO dates, base64, ...).
 * Subclasses say how to read and write the text; this class turns every failure into the graphql-java exception
 * of its phase, with a message naming the expected format.
 *
 * @param <T> the Java type the scalar parses to
 */
final class TextScalarCoercing<T> implements Coercing<T, String> {

    private final String scalarName;
    private final String expectedFormat;
    private final Function<String, T> parser;
    private final Function<Object, String> formatter;

    /**
     * @param parser    parses the text form; throws any RuntimeException when the text is not in the expected format
     * @param formatter formats a value the data fetchers produce; returns null when its Java type is not accepted
     */
    TextScalarCoercing(String scalarName, String expectedFormat, Function<String, T> parser,
            Function<Object, String> formatter) {
        this.scalarName = scalarName;
        this.expectedFormat = expectedFormat;
        this.parser = parser;
        this.formatter = formatter;
    }

    private T fromText(String text) {
        return parser.apply(text);
    }

    private String toText(Object value) {
        return formatter.apply(value);
    }

    @Override
    public String serialize(Object dataFetcherResult, GraphQLContext context, Locale locale) {
        String text = dataFetcherResult == null ? null : toText(dataFetcherResult);
        if (text == null) {
            throw new CoercingSerializeException(scalarName + " cannot serialize a value of type "
                    + typeName(dataFetcherResult) + "; expected " + expectedFormat);
        }
        return text;
    }

    @Override
    public T parseValue(Object input, GraphQLContext context, Locale locale) {
        if (!(input instanceof String text)) {
            throw new CoercingParseValueException(scalarName + " expects a string in " + expectedFormat
                    + " but got a value of type " + typeName(input));
        }
        try {
            return fromText(text);
        } catch (RuntimeException e) {
            throw new CoercingParseValueException(invalidText(text), e);
        }
    }

    @Override
    public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (!(input instanceof StringValue stringValue)) {
            throw new CoercingParseLiteralException(scalarName + " expects a string literal in " + expectedFormat
                    + " but got " + literalKind(input));
        }
        try {
            return fromText(stringValue.getValue());
        } catch (RuntimeException e) {
            throw new CoercingParseLiteralException(invalidText(stringValue.getValue()), e);
        }
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(serialize(input, context, locale));
    }

    private String invalidText(String text) {
        return "invalid " + scalarName + " '" + abbreviate(text) + "'; expected " + expectedFormat;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    static String literalKind(Value<?> literal) {
        return literal == null ? "null" : literal.getClass().getSimpleName();
    }
}
