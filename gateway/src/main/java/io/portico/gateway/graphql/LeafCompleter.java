package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import graphql.execution.ValueUnboxer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Completes the raw value of a leaf field (a scalar, an enum, or a list of them, each possibly non-null) into
 * what graphql-java's own completion produces for it: the value unboxed with the request's {@link ValueUnboxer},
 * then serialized by the scalar's {@code Coercing} or the enum type, list by list.
 *
 * <p>It only ever answers a value graphql-java would have produced without an error. Where graphql-java would
 * record an error (a null in a non-null position, a value its scalar cannot serialize, a list value that is not a
 * {@link List}, or a value graphql-java would first unwrap: a {@code DataFetcherResult} or a future), it answers
 * {@link #NOT_COMPLETED} instead, and the caller completes the field the normal way so
 * that the response carries exactly graphql-java's errors and null propagation.
 */
abstract sealed class LeafCompleter {

    /** The answer of {@link #complete} for a value only graphql-java's own completion may complete. */
    static final Object NOT_COMPLETED = new Object() {
        @Override
        public String toString() {
            return "NOT_COMPLETED";
        }
    };

    /** Where the values come from: what every completion of one request shares. */
    record Environment(ValueUnboxer unboxer, GraphQLContext context, Locale locale) {

        Environment {
            requireNonNull(unboxer, "unboxer is null");
            requireNonNull(context, "context is null");
            requireNonNull(locale, "locale is null");
        }
    }

    private final boolean nonNull;
    final Environment environment;

    private LeafCompleter(boolean nonNull, Environment environment) {
        this.nonNull = nonNull;
        this.environment = environment;
    }

    /** The completer of a field of this type, or empty when the type is not a leaf (an object, or a list of them). */
    static Optional<LeafCompleter> forType(GraphQLOutputType type, Environment environment) {
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLOutputType nullable = nonNull ? (GraphQLOutputType) ((GraphQLNonNull) type).getWrappedType() : type;
        return switch (nullable) {
            case GraphQLScalarType scalar -> Optional.of(new Scalar(nonNull, environment, scalar));
            case GraphQLEnumType enumType -> Optional.of(new EnumValue(nonNull, environment, enumType));
            case GraphQLList list -> forType((GraphQLOutputType) list.getWrappedType(), environment)
                    .map(element -> new ListOf(nonNull, environment, element));
            default -> Optional.empty();
        };
    }

    /**
     * @param raw the value the field's data fetcher would have answered
     * @return the completed value (a serialized scalar, an enum name, a list of them, or null), or
     *         {@link #NOT_COMPLETED}
     */
    final Object complete(Object raw) {
        if (raw instanceof DataFetcherResult<?> || raw instanceof CompletionStage<?>) {
            return NOT_COMPLETED;
        }
        Object value = raw == null ? null : environment.unboxer().unbox(raw);
        if (value == null) {
            return nonNull ? NOT_COMPLETED : null;
        }
        Object completed = completeNonNullValue(value);
        if (completed == null && nonNull) {
            return NOT_COMPLETED;
        }
        return completed;
    }

    abstract Object completeNonNullValue(Object value);

    private static final class Scalar extends LeafCompleter {

        private final GraphQLScalarType type;

        Scalar(boolean nonNull, Environment environment, GraphQLScalarType type) {
            super(nonNull, environment);
            this.type = type;
        }

        @Override
        Object completeNonNullValue(Object value) {
            try {
                return type.getCoercing().serialize(value, environment.context(), environment.locale());
            } catch (RuntimeException e) {
                return NOT_COMPLETED;
            }
        }
    }

    private static final class EnumValue extends LeafCompleter {

        private final GraphQLEnumType type;

        EnumValue(boolean nonNull, Environment environment, GraphQLEnumType type) {
            super(nonNull, environment);
            this.type = type;
        }

        @Override
        Object completeNonNullValue(Object value) {
            try {
                return type.serialize(value, environment.context(), environment.locale());
            } catch (RuntimeException e) {
                return NOT_COMPLETED;
            }
        }
    }

    private static final class ListOf extends LeafCompleter {

        private final LeafCompleter element;

        ListOf(boolean nonNull, Environment environment, LeafCompleter element) {
            super(nonNull, environment);
            this.element = element;
        }

        @Override
        Object completeNonNullValue(Object value) {
            if (!(value instanceof List<?> elements)) {
                return NOT_COMPLETED;
            }
            List<Object> completed = new ArrayList<>(elements.size());
            for (Object raw : elements) {
                Object item = element.complete(raw);
                if (item == NOT_COMPLETED) {
                    return NOT_COMPLETED;
                }
                completed.add(item);
            }
            return completed;
        }
    }
}
