package io.portico.schema.compat;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.FieldContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The demo ports as the registry holds them: the real demo contracts (parsed from flight-server's resources) and
 * the live Arrow schemas their DuckDB ports report (top-level columns non-null where the contract requires it, as
 * the port applies catalog nullability).
 */
final class DemoPorts {

    static final Path CONTRACTS = Path.of("").toAbsolutePath()
            .resolve("../flight-server/src/main/resources/demo/contracts").normalize();

    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final ArrowType MONEY = new ArrowType.Decimal(12, 2, 128);
    static final ArrowType ZONED_MICROS = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    static final ArrowType LOCAL_MICROS = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private DemoPorts() {
    }

    static PortSnapshot sales() {
        return new PortSnapshot(ContractParser.parse(CONTRACTS.resolve("sales.odcs.yaml")), Map.of("orders", schema(
                column("order_id", INT64, false),
                column("customer_id", INT64, false),
                column("status", UTF8, false),
                column("currency", UTF8, false),
                column("net_amount", MONEY, false),
                column("tax_amount", MONEY, false),
                column("total_amount", MONEY, false),
                column("item_count", INT32, false),
                column("created_at", ZONED_MICROS, false),
                column("updated_at", LOCAL_MICROS, true))));
    }

    static PortSnapshot crm() {
        return new PortSnapshot(ContractParser.parse(CONTRACTS.resolve("crm.odcs.yaml")), Map.of("customers", schema(
                column("customer_id", INT64, false),
                column("full_name", UTF8, false),
                column("email", UTF8, false),
                column("phone", UTF8, true),
                column("birth_date", DATE, true),
                column("region", UTF8, false),
                column("segment", UTF8, false),
                column("signup_date", DATE, false))));
    }

    static PortSnapshot logistics() {
        return new PortSnapshot(ContractParser.parse(CONTRACTS.resolve("logistics.odcs.yaml")), Map.of("shipments",
                schema(
                        column("shipment_id", INT64, false),
                        column("order_id", INT64, false),
                        column("carrier", UTF8, false),
                        column("status", UTF8, false),
                        column("weight_kg", FLOAT64, false),
                        column("shipped_at", ZONED_MICROS, false),
                        column("delivered_at", ZONED_MICROS, true))));
    }

    /** Sales with a second dataset, {@code refunds}, so a dataset can be removed without removing the port. */
    static PortSnapshot salesWithRefunds() {
        return PortEditor.of(sales())
                .addDataset("refunds", "One row per refund of an order.", List.of(
                        field("refund_id", "integer", "BIGINT", true, "Unique refund number.").withKey(1),
                        field("order_id", "integer", "BIGINT", true, "The refunded order."),
                        field("amount", "number", "DECIMAL(12,2)", true, "Refunded amount."),
                        field("refunded_at", "timestamp", "TIMESTAMP WITH TIME ZONE", true, "When it was refunded.")),
                        schema(column("refund_id", INT64, false), column("order_id", INT64, false),
                                column("amount", MONEY, false), column("refunded_at", ZONED_MICROS, false)))
                .build();
    }

    /** Sales whose orders also carry a struct ({@code shipping_address}) and a list ({@code line_skus}). */
    static PortSnapshot salesWithNested() {
        return PortEditor.of(sales())
                .addField("orders", field("shipping_address", "object", "STRUCT(street VARCHAR, city VARCHAR,"
                                + " country VARCHAR)", false, "Where the order ships to.").contract(),
                        address(column("street", UTF8, false), column("city", UTF8, false),
                                column("country", UTF8, true)))
                .addField("orders", field("line_skus", "array", "VARCHAR[]", false, "SKUs of the order's lines.")
                                .contract(),
                        skus(false))
                .build();
    }

    static Field address(Field... children) {
        return new Field("shipping_address", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(children));
    }

    static Field skus(boolean elementsNullable) {
        return new Field("line_skus", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(column("item", UTF8, elementsNullable)));
    }

    static Schema schema(Field... columns) {
        return new Schema(List.of(columns));
    }

    static Field column(String name, ArrowType type, boolean nullable) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    static FieldSpec field(String name, String logicalType, String physicalType, boolean required, String description) {
        return new FieldSpec(new FieldContract(name, name, logicalType, physicalType, required, false, -1, "public",
                List.of(), description));
    }

    /** A contract field being written for a test. */
    record FieldSpec(FieldContract contract) {

        FieldSpec withKey(int position) {
            FieldContract field = contract;
            return new FieldSpec(new FieldContract(field.name(), field.physicalName(), field.logicalType(),
                    field.physicalType(), field.required(), true, position, field.classification(), field.tags(),
                    field.description()));
        }
    }
}
