package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeKind.ARROW_TYPE_NARROWED;
import static io.portico.schema.compat.ChangeKind.ARROW_TYPE_WIDENED;
import static io.portico.schema.compat.ChangeKind.ARROW_VALUE_FORMAT_CHANGED;
import static io.portico.schema.compat.ChangeKind.CLASSIFICATION_CHANGED;
import static io.portico.schema.compat.ChangeKind.DATASET_ADDED;
import static io.portico.schema.compat.ChangeKind.DATASET_REMOVED;
import static io.portico.schema.compat.ChangeKind.DATA_PRODUCT_CHANGED;
import static io.portico.schema.compat.ChangeKind.DECLARED_TYPE_CHANGED;
import static io.portico.schema.compat.ChangeKind.DESCRIPTION_CHANGED;
import static io.portico.schema.compat.ChangeKind.DIALECT_CHANGED;
import static io.portico.schema.compat.ChangeKind.DOMAIN_CHANGED;
import static io.portico.schema.compat.ChangeKind.ENDPOINT_CHANGED;
import static io.portico.schema.compat.ChangeKind.FIELD_ADDED;
import static io.portico.schema.compat.ChangeKind.FIELD_NOW_NULLABLE;
import static io.portico.schema.compat.ChangeKind.FIELD_NOW_REQUIRED;
import static io.portico.schema.compat.ChangeKind.FIELD_REMOVED;
import static io.portico.schema.compat.ChangeKind.FIELD_TYPE_CHANGED;
import static io.portico.schema.compat.ChangeKind.FIELD_TYPE_EXTENDED;
import static io.portico.schema.compat.ChangeKind.PHYSICAL_NAME_CHANGED;
import static io.portico.schema.compat.ChangeKind.PORT_ID_CHANGED;
import static io.portico.schema.compat.ChangeKind.PRIMARY_KEY_CHANGED;
import static io.portico.schema.compat.ChangeKind.RELATIONSHIP_ADDED;
import static io.portico.schema.compat.ChangeKind.RELATIONSHIP_CHANGED;
import static io.portico.schema.compat.ChangeKind.RELATIONSHIP_REMOVED;
import static io.portico.schema.compat.ChangeKind.RENAMED_KEEPING_GRAPHQL_NAME;
import static io.portico.schema.compat.ChangeKind.SERVER_CHANGED;
import static io.portico.schema.compat.ChangeKind.SLA_CHANGED;
import static io.portico.schema.compat.ChangeKind.STATUS_CHANGED;
import static io.portico.schema.compat.ChangeKind.TAGS_CHANGED;
import static io.portico.schema.compat.ChangeKind.TEAM_CHANGED;
import static io.portico.schema.compat.ChangeSeverity.BREAKING;
import static io.portico.schema.compat.ChangeSeverity.DANGEROUS;
import static io.portico.schema.compat.ChangeSeverity.SAFE;
import static io.portico.schema.compat.DemoPorts.column;
import static io.portico.schema.compat.DemoPorts.field;
import static io.portico.schema.compat.InspectorVerdict.NONE;
import static io.portico.schema.compat.InspectorVerdict.NON_BREAKING;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.contract.SlaProperty;
import io.portico.schema.contract.TeamContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The compatibility table: one case per change kind (several for the kinds that matter most), each on the real
 * demo contracts with one change applied, the report {@link ContractChangeChecker} must give, and
 * graphql-inspector's verdict on the composed SDL of both sides. Where our verdict deliberately differs from
 * inspector's, the case says why.
 */
final class CompatCases {

    private static final String INVISIBLE_ARROW = "Arrow types beneath an unchanged GraphQL scalar are invisible"
            + " in SDL; the port's values may no longer fit or may change, which inspector cannot see";
    private static final String INVISIBLE_POLICY = "classification is not in SDL; access policies decide on it,"
            + " so who may read the field changes";
    private static final String INVISIBLE_RELATIONSHIP = "relationships are not GraphQL fields yet (they become"
            + " fields later, then this is breaking); consumers joining along them are affected now";
    private static final String INVISIBLE_KEY = "the primary key is not in SDL; it orders every page and makes"
            + " the keyset cursors, so cursors handed out before stop working";
    private static final String INVISIBLE_PRODUCT = "the data product is part of the port's URN, not of any GraphQL"
            + " name: inspector sees nothing, but for the catalog and everyone linking to it this is another port";
    private static final String PROMISE_IN_DESCRIPTION = "node fields are nullable in GraphQL whatever the contract"
            + " says (so a policy can withhold one), so inspector sees only a description losing its promise; but the"
            + " contract stops promising a value, and GraphQL clients and Arrow readers of the port relying on it may"
            + " now get null";
    private static final String ID_IN_DESCRIPTION = "the contract id shows in SDL only inside a description"
            + " (non-breaking for inspector); the registry keeps the port's history under it";

    private CompatCases() {
    }

    static List<CompatCase> all() {
        List<CompatCase> cases = new ArrayList<>();
        cases.addAll(datasets());
        cases.addAll(fields());
        cases.addAll(arrowTypes());
        cases.addAll(nested());
        cases.addAll(governance());
        cases.addAll(port());
        return cases;
    }

    static CompatCase named(String name) {
        return all().stream().filter(found -> found.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name));
    }

    private static List<CompatCase> datasets() {
        return List.of(
                CompatCase.named("no-change").from(DemoPorts.sales()).to(DemoPorts.sales())
                        .expect(null).inspectorAgrees(NONE),
                CompatCase.named("dataset-removed").from(DemoPorts.salesWithRefunds()).to(DemoPorts.sales())
                        .expect(BREAKING, DATASET_REMOVED).at("$.schema[refunds]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("dataset-added").from(DemoPorts.sales()).to(DemoPorts.salesWithRefunds())
                        .expect(SAFE, DATASET_ADDED).at("$.schema[refunds]")
                        .inspectorAgrees(NON_BREAKING),
                CompatCase.named("dataset-no-longer-served").from(DemoPorts.salesWithRefunds())
                        .to(edit(DemoPorts.salesWithRefunds(), port -> port.dropTable("refunds")))
                        .expect(BREAKING, DATASET_REMOVED).at("$.schema[refunds]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("table-renamed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataset("orders", d -> d.physicalName = "orders_v2")))
                        .expect(SAFE, PHYSICAL_NAME_CHANGED).at("$.schema[orders].physicalName")
                        .inspectorAgrees(NONE),
                CompatCase.named("dataset-description-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataset("orders",
                                d -> d.description = "One row per customer order, cancelled ones included.")))
                        .expect(SAFE, DESCRIPTION_CHANGED).at("$.schema[orders].description")
                        .inspectorAgrees(NON_BREAKING),
                CompatCase.named("dataset-tags-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataset("orders", d -> d.tags.add("revenue"))))
                        .expect(SAFE, TAGS_CHANGED).at("$.schema[orders].tags")
                        .inspectorAgrees(NONE),
                CompatCase.named("primary-key-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "currency", f -> {
                            f.primaryKey = true;
                            f.primaryKeyPosition = 2;
                        })))
                        .expect(BREAKING, PRIMARY_KEY_CHANGED).at("$.schema[orders].primaryKey")
                        .inspectorDiffers(NONE, INVISIBLE_KEY));
    }

    private static List<CompatCase> fields() {
        return List.of(
                CompatCase.named("field-removed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.removeField("orders", "status")))
                        .expect(BREAKING, FIELD_REMOVED).at("$.schema[orders].properties[status]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("field-added").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.addField("orders",
                                field("discount_amount", "number", "DECIMAL(12,2)", false, "Discount granted.")
                                        .contract(),
                                column("discount_amount", DemoPorts.MONEY, true))))
                        .expect(SAFE, FIELD_ADDED).at("$.schema[orders].properties[discount_amount]")
                        .inspectorDiffers(InspectorVerdict.DANGEROUS,
                                "inspector rates every added enum value dangerous; the value added here is the new field in the"
                                + " aggregate's GroupField enum, an input-only enum (groupBy), so no answer can carry it"),
                CompatCase.named("required-field-added").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.addField("orders",
                                field("channel", "string", "VARCHAR", true, "WEB, STORE or PHONE.").contract(),
                                column("channel", DemoPorts.UTF8, false))))
                        .expect(SAFE, FIELD_ADDED).at("$.schema[orders].properties[channel]")
                        .inspectorDiffers(InspectorVerdict.DANGEROUS,
                                "inspector rates every added enum value dangerous; the value added here is the new field in the"
                                + " aggregate's GroupField enum, an input-only enum (groupBy), so no answer can carry it"),
                CompatCase.named("field-no-longer-served").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dropColumn("orders", "currency")))
                        .expect(BREAKING, FIELD_REMOVED).at("$.schema[orders].properties[currency]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("unexposed-field-removed").from(edit(DemoPorts.sales(), port -> port
                                .addField("orders", field("legacy_code", "string", "VARCHAR", false, "Old code.")
                                        .contract(), column("legacy_code", DemoPorts.UTF8, true))
                                .dropColumn("orders", "legacy_code")))
                        .to(DemoPorts.sales())
                        .expect(SAFE, FIELD_REMOVED).at("$.schema[orders].properties[legacy_code]")
                        .inspectorAgrees(NONE),
                CompatCase.named("field-type-int-to-long").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "item_count", DemoPorts.INT64)))
                        .expect(BREAKING, FIELD_TYPE_CHANGED).at("$.schema[orders].properties[item_count]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("field-type-decimal-to-string").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "total_amount", DemoPorts.UTF8)))
                        .expect(BREAKING, FIELD_TYPE_CHANGED).at("$.schema[orders].properties[total_amount]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("field-now-nullable").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "status", f -> f.required = false)))
                        .expect(BREAKING, FIELD_NOW_NULLABLE).at("$.schema[orders].properties[status].required")
                        .inspectorDiffers(NON_BREAKING, PROMISE_IN_DESCRIPTION),
                CompatCase.named("field-now-required").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "updated_at", f -> f.required = true)))
                        .expect(SAFE, FIELD_NOW_REQUIRED).at("$.schema[orders].properties[updated_at].required")
                        .inspectorAgrees(NON_BREAKING),
                CompatCase.named("column-renamed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port
                                .field("orders", "total_amount", f -> f.physicalName = "total_amt")
                                .replaceColumn("orders", "total_amount",
                                        column("total_amt", DemoPorts.MONEY, false))))
                        .expect(SAFE, PHYSICAL_NAME_CHANGED)
                        .at("$.schema[orders].properties[total_amount].physicalName")
                        .inspectorAgrees(NONE),
                CompatCase.named("renamed-keeping-graphql-name").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "item_count", f -> {
                            f.name = "itemCount";
                            f.physicalName = "item_count";
                        })))
                        .expect(SAFE, RENAMED_KEEPING_GRAPHQL_NAME).at("$.schema[orders].properties[itemCount]")
                        .inspectorAgrees(NONE),
                CompatCase.named("declared-type-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "currency",
                                f -> f.physicalType = "CHAR(3)")))
                        .expect(SAFE, DECLARED_TYPE_CHANGED).at("$.schema[orders].properties[currency].physicalType")
                        .inspectorAgrees(NONE),
                CompatCase.named("field-description-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "total_amount",
                                f -> f.description = "Amount including tax, in the order's currency.")))
                        .expect(SAFE, DESCRIPTION_CHANGED)
                        .at("$.schema[orders].properties[total_amount].description")
                        .inspectorAgrees(NON_BREAKING),
                CompatCase.named("field-tags-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.field("orders", "total_amount",
                                f -> f.tags.add("revenue"))))
                        .expect(SAFE, TAGS_CHANGED).at("$.schema[orders].properties[total_amount].tags")
                        .inspectorAgrees(NONE));
    }

    private static List<CompatCase> arrowTypes() {
        return List.of(
                CompatCase.named("decimal-narrowed")
                        .from(edit(DemoPorts.sales(), port -> port.columnType("orders", "total_amount",
                                new ArrowType.Decimal(14, 2, 128))))
                        .to(DemoPorts.sales())
                        .expect(DANGEROUS, ARROW_TYPE_NARROWED).at("$.schema[orders].properties[total_amount]")
                        .inspectorDiffers(NONE, INVISIBLE_ARROW),
                CompatCase.named("decimal-widened").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "net_amount",
                                new ArrowType.Decimal(14, 2, 128))))
                        .expect(SAFE, ARROW_TYPE_WIDENED).at("$.schema[orders].properties[net_amount]")
                        .inspectorAgrees(NONE),
                CompatCase.named("integer-narrowed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "item_count",
                                new ArrowType.Int(16, true))))
                        .expect(DANGEROUS, ARROW_TYPE_NARROWED).at("$.schema[orders].properties[item_count]")
                        .inspectorDiffers(NONE, INVISIBLE_ARROW),
                CompatCase.named("timestamp-unit-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "created_at",
                                new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"))))
                        .expect(DANGEROUS, ARROW_TYPE_NARROWED).at("$.schema[orders].properties[created_at]")
                        .inspectorDiffers(NONE, INVISIBLE_ARROW),
                CompatCase.named("time-zone-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.columnType("orders", "created_at",
                                new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Amsterdam"))))
                        .expect(DANGEROUS, ARROW_VALUE_FORMAT_CHANGED).at("$.schema[orders].properties[created_at]")
                        .inspectorDiffers(NONE, INVISIBLE_ARROW));
    }

    private static List<CompatCase> nested() {
        return List.of(
                CompatCase.named("struct-field-removed").from(DemoPorts.salesWithNested())
                        .to(edit(DemoPorts.salesWithNested(), port -> port.replaceColumn("orders", "shipping_address",
                                DemoPorts.address(column("street", DemoPorts.UTF8, false),
                                        column("city", DemoPorts.UTF8, false)))))
                        .expect(BREAKING, FIELD_TYPE_CHANGED).at("$.schema[orders].properties[shipping_address]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("struct-field-added").from(DemoPorts.salesWithNested())
                        .to(edit(DemoPorts.salesWithNested(), port -> port.replaceColumn("orders", "shipping_address",
                                DemoPorts.address(column("street", DemoPorts.UTF8, false),
                                        column("city", DemoPorts.UTF8, false),
                                        column("country", DemoPorts.UTF8, true),
                                        column("postal_code", DemoPorts.UTF8, true)))))
                        .expect(SAFE, FIELD_TYPE_EXTENDED).at("$.schema[orders].properties[shipping_address]")
                        .inspectorAgrees(NON_BREAKING),
                CompatCase.named("list-elements-nullable").from(DemoPorts.salesWithNested())
                        .to(edit(DemoPorts.salesWithNested(), port -> port.replaceColumn("orders", "line_skus",
                                DemoPorts.skus(true))))
                        .expect(BREAKING, FIELD_TYPE_CHANGED).at("$.schema[orders].properties[line_skus]")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("list-elements-non-null")
                        .from(edit(DemoPorts.salesWithNested(), port -> port.replaceColumn("orders", "line_skus",
                                DemoPorts.skus(true))))
                        .to(DemoPorts.salesWithNested())
                        .expect(SAFE, FIELD_TYPE_EXTENDED).at("$.schema[orders].properties[line_skus]")
                        .inspectorAgrees(NON_BREAKING));
    }

    private static List<CompatCase> governance() {
        return List.of(
                CompatCase.named("classification-changed").from(DemoPorts.crm())
                        .to(edit(DemoPorts.crm(), port -> port.field("customers", "email",
                                f -> f.classification = "internal")))
                        .expect(DANGEROUS, CLASSIFICATION_CHANGED)
                        .at("$.schema[customers].properties[email].classification")
                        .inspectorDiffers(NONE, INVISIBLE_POLICY),
                CompatCase.named("relationship-removed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataset("orders", d -> d.relationships = List.of())))
                        .expect(DANGEROUS, RELATIONSHIP_REMOVED)
                        .at("$.schema[orders].relationships[customer_id->crm.customers]")
                        .inspectorDiffers(NONE, INVISIBLE_RELATIONSHIP),
                CompatCase.named("relationship-added")
                        .from(edit(DemoPorts.sales(), port -> port.dataset("orders", d -> d.relationships = List.of())))
                        .to(DemoPorts.sales())
                        .expect(SAFE, RELATIONSHIP_ADDED)
                        .at("$.schema[orders].relationships[customer_id->crm.customers]")
                        .inspectorAgrees(NONE),
                CompatCase.named("relationship-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataset("orders", d -> d.relationships =
                                d.relationships.stream().map(CompatCases::oneToOne).toList())))
                        .expect(DANGEROUS, RELATIONSHIP_CHANGED)
                        .at("$.schema[orders].relationships[customer_id->crm.customers]")
                        .inspectorDiffers(NONE, INVISIBLE_RELATIONSHIP));
    }

    private static List<CompatCase> port() {
        return List.of(
                CompatCase.named("domain-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.domain = "commerce"))
                        .expect(BREAKING, DOMAIN_CHANGED).at("$.domain")
                        .inspectorAgrees(InspectorVerdict.BREAKING),
                CompatCase.named("data-product-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.dataProduct = "order-history"))
                        .expect(BREAKING, DATA_PRODUCT_CHANGED).at("$.dataProduct")
                        .inspectorDiffers(NONE, INVISIBLE_PRODUCT),
                CompatCase.named("port-id-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.id = "sales-orders"))
                        .expect(DANGEROUS, PORT_ID_CHANGED).at("$.id")
                        .inspectorDiffers(NON_BREAKING, ID_IN_DESCRIPTION),
                CompatCase.named("status-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.status = "deprecated"))
                        .expect(SAFE, STATUS_CHANGED).at("$.status")
                        .inspectorAgrees(NONE),
                CompatCase.named("port-description-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> {
                            port.name = "Sales orders (all channels)";
                            port.description = "Every customer order from every sales channel.";
                        }))
                        .expect(SAFE, DESCRIPTION_CHANGED).at("$.description")
                        .inspectorAgrees(NONE),
                CompatCase.named("port-tags-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.tags.add("finance")))
                        .expect(SAFE, TAGS_CHANGED).at("$.tags")
                        .inspectorAgrees(NONE),
                CompatCase.named("team-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.team = new TeamContract("Order platform",
                                port.team.description(), port.team.members())))
                        .expect(SAFE, TEAM_CHANGED).at("$.team")
                        .inspectorAgrees(NONE),
                CompatCase.named("sla-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.slaProperties = List.of(
                                new SlaProperty("latency", "5", "s", null, "Answers within 5 seconds."),
                                port.slaProperties.get(1))))
                        .expect(SAFE, SLA_CHANGED).at("$.slaProperties[latency]")
                        .inspectorAgrees(NONE),
                CompatCase.named("endpoint-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.servers = List.of(withProperty(port.servers.getFirst(),
                                ServerContract.FLIGHT_SQL_URL, "grpc+tls://sales-port.prod:443"))))
                        .expect(SAFE, ENDPOINT_CHANGED).at("$.servers[sales-port].customProperties[flightSqlUrl]")
                        .inspectorAgrees(NONE),
                CompatCase.named("dialect-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> port.servers = List.of(withProperty(port.servers.getFirst(),
                                ServerContract.SQL_DIALECT, "POSTGRES"))))
                        .expect(SAFE, DIALECT_CHANGED).at("$.servers[sales-port].customProperties[sqlDialect]")
                        .inspectorAgrees(NONE),
                CompatCase.named("server-changed").from(DemoPorts.sales())
                        .to(edit(DemoPorts.sales(), port -> {
                            ServerContract server = port.servers.getFirst();
                            port.servers = List.of(new ServerContract(server.server(), server.type(),
                                    server.description(), "staging", server.customProperties()));
                        }))
                        .expect(SAFE, SERVER_CHANGED).at("$.servers[sales-port]")
                        .inspectorAgrees(NONE));
    }

    private static PortSnapshot edit(PortSnapshot port, Consumer<PortEditor> edit) {
        return PortEditor.of(port).port(edit).build();
    }

    private static RelationshipContract oneToOne(RelationshipContract relationship) {
        return new RelationshipContract(relationship.type(), relationship.fromDataset(), relationship.fromFields(),
                relationship.targetDomain(), relationship.toDataset(), relationship.toFields(), "one-to-one",
                relationship.description());
    }

    private static ServerContract withProperty(ServerContract server, String property, String value) {
        Map<String, String> properties = new LinkedHashMap<>(server.customProperties());
        properties.put(property, value);
        return new ServerContract(server.server(), server.type(), server.description(), server.environment(),
                properties);
    }
}
