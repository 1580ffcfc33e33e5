package io.portico.gateway.sql;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** The tables the SQL tests name: {@code sales.orders} with a column of each type, and {@code sales.customers}. */
final class SqlTestTables {

    private SqlTestTables() {
    }

    static final SqlTable ORDERS = table("sales", "orders", List.of(
            column("order_id", "orderId", new ArrowType.Int(64, true), false),
            column("customer_id", "customerId", new ArrowType.Int(64, true), true),
            column("status", "status", ArrowType.Utf8.INSTANCE, true),
            column("total_amount", "totalAmount", new ArrowType.Decimal(12, 2, 128), true),
            column("quantity", "quantity", new ArrowType.Int(32, true), true),
            column("discount", "discount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true),
            column("paid", "paid", ArrowType.Bool.INSTANCE, true),
            column("created_at", "createdAt", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), true),
            column("updated_at", "updatedAt", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), true),
            column("order_date", "orderDate", new ArrowType.Date(DateUnit.DAY), false),
            column("Region", "region", ArrowType.Utf8.INSTANCE, true),
            column("größe", "groesse", ArrowType.Utf8.INSTANCE, true),
            column("payload", "payload", ArrowType.Binary.INSTANCE, true)),
            List.of("orderId"));

    static final SqlTable CUSTOMERS = table("sales", "customers", List.of(
            column("customer_id", "customerId", new ArrowType.Int(64, true), false),
            column("name", "name", ArrowType.Utf8.INSTANCE, true)),
            List.of("customerId"));

    static final SqlTables TABLES = SqlTables.of(List.of(ORDERS, CUSTOMERS));

    private static SqlTable table(String schema, String name, List<SqlColumn> columns, List<String> keys) {
        List<FieldBinding> fields = new ArrayList<>();
        columns.forEach(column -> fields.add(column.field()));
        DatasetBinding binding = new DatasetBinding(schema + "-port", schema, name, name, "DUCKDB", fields, keys);
        return new SqlTable(schema, name, binding, columns);
    }

    private static SqlColumn column(String name, String graphQLName, ArrowType type, boolean nullable) {
        FieldType fieldType = nullable ? FieldType.nullable(type) : FieldType.notNullable(type);
        return new SqlColumn(name, new FieldBinding(graphQLName, name, new Field(name, fieldType, null), null));
    }
}
