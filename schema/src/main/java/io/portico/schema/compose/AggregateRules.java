package io.portico.schema.compose;

import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.FilterKind;
import io.portico.schema.types.GraphQLTypeRef;
import io.portico.schema.types.TypeMapping;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Which aggregates a field takes and of what GraphQL type their values are: the one rule the composed SDL (which
 * offers only what makes sense per type) and the gateway's planner (which checks every request against it) share.
 *
 * <ul>
 *   <li>group key and {@code countDistinct}: any field that can be filtered (not lists, structs, binary,
 *       durations);</li>
 *   <li>{@code min} and {@code max}: any orderable field but booleans, of the field's own type;</li>
 *   <li>{@code sum} and {@code avg}: numbers; the sum of integers is a {@code Long}, of decimals an exact
 *       {@code BigDecimal}, of floats a {@code Float}; the mean of decimals an exact {@code BigDecimal}, of other
 *       numbers a {@code Float};</li>
 *   <li>time buckets: dates and timestamps.</li>
 * </ul>
 */
public final class AggregateRules {

    private AggregateRules() {
    }

    /** Whether rows can be grouped by the field and its distinct values counted. */
    public static boolean groupable(FieldBinding field) {
        return mapping(field).filterKind() != FilterKind.NONE && scalar(field) != null;
    }

    /** Whether {@code min} and {@code max} apply. */
    public static boolean orderable(FieldBinding field) {
        FilterKind kind = mapping(field).filterKind();
        return kind.sortable() && kind != FilterKind.BOOLEAN && scalar(field) != null;
    }

    /** Whether {@code sum} and {@code avg} apply. */
    public static boolean numeric(FieldBinding field) {
        return mapping(field).filterKind() == FilterKind.NUMERIC;
    }

    /** Whether the field's values can be cut into time buckets: dates and timestamps. */
    public static boolean bucketable(FieldBinding field) {
        ArrowType type = field.arrowField().getType();
        return type instanceof ArrowType.Date || type instanceof ArrowType.Timestamp;
    }

    /** The GraphQL scalar of the field's values (its group key, min and max), or null for a non-scalar. */
    public static String scalar(FieldBinding field) {
        return mapping(field).graphQLType() instanceof GraphQLTypeRef.Scalar scalar ? scalar.name() : null;
    }

    /** The GraphQL scalar of the field's {@code sum}: {@code Long}, {@code BigDecimal} or {@code Float}. */
    public static String sumScalar(FieldBinding field) {
        String scalar = scalar(field);
        return "BigDecimal".equals(scalar) || "Float".equals(scalar) ? scalar : "Long";
    }

    /** The GraphQL scalar of the field's {@code avg}: {@code BigDecimal} for decimals, else {@code Float}. */
    public static String avgScalar(FieldBinding field) {
        return "BigDecimal".equals(scalar(field)) ? "BigDecimal" : "Float";
    }

    private static TypeMapping mapping(FieldBinding field) {
        return ArrowTypeMapping.forField(field.arrowField());
    }
}
