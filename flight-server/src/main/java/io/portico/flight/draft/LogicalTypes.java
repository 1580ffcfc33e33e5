package io.portico.flight.draft;

import java.sql.Types;

/** The ODCS logical type of a JDBC column, and its physical type as the database names it. */
final class LogicalTypes {

    private LogicalTypes() {
    }

    /** The ODCS logical type of a column of JDBC type {@code sqlType} named {@code typeName} by the database. */
    static String of(int sqlType, String typeName) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "integer";
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> "number";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.DATE -> "date";
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp";
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> "time";
            case Types.ARRAY -> "array";
            case Types.STRUCT -> "object";
            default -> byName(typeName);
        };
    }

    /** Drivers that answer {@code OTHER} (DuckDB's HUGEINT, UUID, lists and structs; PostgreSQL's json). */
    private static String byName(String typeName) {
        String name = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
        if (name.endsWith("[]") || name.startsWith("LIST") || name.startsWith("_")) {
            return "array";
        }
        if (name.startsWith("STRUCT") || name.startsWith("MAP")) {
            return "object";
        }
        if (name.equals("HUGEINT") || name.equals("UBIGINT") || name.equals("UINTEGER") || name.equals("USMALLINT")
                || name.equals("UTINYINT") || name.equals("INT8") || name.equals("INT4") || name.equals("INT2")) {
            return "integer";
        }
        if (name.startsWith("DECIMAL") || name.startsWith("NUMERIC") || name.startsWith("FLOAT")
                || name.startsWith("DOUBLE")) {
            return "number";
        }
        if (name.startsWith("TIMESTAMP")) {
            return "timestamp";
        }
        return "string";
    }

    /**
     * The physical type to write: the database's type name, with precision and scale for decimals
     * ({@code DECIMAL(10,2)}) when the driver names it bare.
     */
    static String physical(int sqlType, String typeName, int size, int digits) {
        String name = typeName == null || typeName.isBlank() ? "VARCHAR" : typeName.toUpperCase(java.util.Locale.ROOT);
        if ((sqlType == Types.DECIMAL || sqlType == Types.NUMERIC) && !name.contains("(") && size > 0) {
            return name + "(" + size + "," + Math.max(digits, 0) + ")";
        }
        return name;
    }
}
