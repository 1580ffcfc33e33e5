package io.portico.benchmarks.scale;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One of the twenty columns every generated table has, with what its contract field says about it.
 *
 * @param name           column and contract field name (snake case, as a domain team would write it)
 * @param sqlType        the DuckDB column type
 * @param logicalType    the ODCS {@code logicalType}
 * @param physicalType   the ODCS {@code physicalType}
 * @param required       NOT NULL at the port and {@code required: true} in the contract
 * @param classification the ODCS data classification
 * @param tags           the field's tags
 * @param description    the field's description
 * @param valueSql       the DuckDB expression of row {@code i} (an integer from {@code range(rows)})
 */
record GeneratedColumn(
        String name,
        String sqlType,
        String logicalType,
        String physicalType,
        boolean required,
        String classification,
        List<String> tags,
        String description,
        String valueSql) {

    /** The twenty columns: every ODCS logical type the gateway maps to a GraphQL scalar, with several widths. */
    static final List<GeneratedColumn> ALL = List.of(
            column("record_id", "BIGINT", "integer", true, "public", List.of("key"), "Unique record number.", "i + 1"),
            column("external_key", "VARCHAR", "string", false, "internal", List.of(),
                    "The record's key in the source system.", "'ext-' || lpad(CAST(i AS VARCHAR), 8, '0')"),
            column("customer_name", "VARCHAR", "string", false, "confidential", List.of("pii"),
                    "Name of the customer the record belongs to.", "'Customer ' || (i % 97)"),
            column("email", "VARCHAR", "string", false, "restricted", List.of("pii"),
                    "Contact e-mail address.", "'c' || i || '@example.com'"),
            column("country_code", "VARCHAR", "string", false, "public", List.of(),
                    "ISO 3166-1 alpha-2 country code.", "['DE', 'FR', 'ES', 'IT', 'NL'][i % 5 + 1]"),
            column("quantity", "INTEGER", "integer", false, "public", List.of(), "Units in the record.",
                    "CAST(i % 50 AS INTEGER)"),
            column("unit_price", "DECIMAL(12,2)", "number", false, "internal", List.of("finance"),
                    "Price of one unit.", "CAST(9.99 + i AS DECIMAL(12,2))"),
            column("discount_rate", "DOUBLE", "number", false, "internal", List.of("finance"),
                    "Discount applied, between 0 and 1.", "(i % 10) / 20.0"),
            column("total_amount", "DECIMAL(14,2)", "number", false, "internal", List.of("finance"),
                    "Amount after discount.", "CAST((9.99 + i) * (i % 50) AS DECIMAL(14,2))"),
            column("is_active", "BOOLEAN", "boolean", false, "public", List.of(), "Whether the record is active.",
                    "i % 2 = 0"),
            column("is_verified", "BOOLEAN", "boolean", false, "public", List.of(),
                    "Whether the record was verified.", "i % 3 = 0"),
            column("event_date", "DATE", "date", false, "public", List.of(), "Business date of the record.",
                    "DATE '2024-01-01' + CAST(i AS INTEGER)"),
            column("created_at", "TIMESTAMP WITH TIME ZONE", "timestamp", false, "public", List.of(),
                    "When the record was created.", "TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(CAST(i AS BIGINT))"),
            column("updated_at", "TIMESTAMP", "timestamp", false, "public", List.of(),
                    "When the record last changed, local time of the source.",
                    "TIMESTAMP '2024-02-01 00:00:00' + to_minutes(CAST(i AS BIGINT))"),
            column("status", "VARCHAR", "string", false, "public", List.of(), "Lifecycle status.",
                    "['NEW', 'OPEN', 'DONE'][i % 3 + 1]"),
            column("category", "VARCHAR", "string", false, "public", List.of(), "Business category.",
                    "'category-' || (i % 7)"),
            column("score", "DOUBLE", "number", false, "internal", List.of(), "Quality score.", "i * 0.5"),
            column("item_count", "SMALLINT", "integer", false, "public", List.of(), "Line items in the record.",
                    "CAST(i % 20 AS SMALLINT)"),
            column("revision", "BIGINT", "integer", false, "public", List.of(), "Revision of the record.",
                    "CAST(i % 4 AS BIGINT)"),
            column("notes", "VARCHAR", "string", false, "internal", List.of(), "Free-text notes.",
                    "'note ' || i"));

    GeneratedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sqlType, "sqlType is null");
        tags = List.copyOf(tags);
    }

    private static GeneratedColumn column(String name, String sqlType, String logicalType, boolean required,
            String classification, List<String> tags, String description, String valueSql) {
        return new GeneratedColumn(name, sqlType, logicalType, sqlType, required, classification, tags, description,
                valueSql);
    }

    /** {@code name TYPE [NOT NULL]} for CREATE TABLE. */
    String definition() {
        return name + " " + sqlType + (required ? " NOT NULL" : "");
    }
}
