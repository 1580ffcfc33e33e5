package io.portico.schema.compose;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.types.PorticoScalars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SchemaComposerTest {

    @Test
    void sameSnapshotYieldsByteIdenticalSdlWhateverTheRegistrationOrder() {
        List<PortSnapshot> ports = List.of(salesPort(), crmPort(), logisticsPort());
        List<PortSnapshot> reversed = new ArrayList<>(ports);
        java.util.Collections.reverse(reversed);

        String first = SchemaComposer.compose(new RegistrySnapshot(7, ports)).sdl();
        String second = SchemaComposer.compose(new RegistrySnapshot(7, ports)).sdl();
        String reordered = SchemaComposer.compose(new RegistrySnapshot(7, reversed)).sdl();

        assertThat(second).isEqualTo(first);
        assertThat(reordered).isEqualTo(first);
    }

    @Test
    void composedSdlIsAValidGraphQLSchema() {
        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort(), crmPort(), logisticsPort())));

        GraphQLSchema schema = executable(composed.sdl());

        assertThat(composed.problems()).isEmpty();
        assertThat(schema.getQueryType().getFieldDefinition("sales")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("crm")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("schemaVersion")).isNotNull();
    }

    @Test
    void definitionsAreTheSdlCutIntoOneParseablePiecePerTopLevelDefinition() {
        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort(), crmPort(), logisticsPort())));

        assertThat(String.join("", composed.definitions()).stripTrailing()).isEqualTo(composed.sdl().stripTrailing());
        for (String definition : composed.definitions()) {
            assertThat(new graphql.parser.Parser().parseDocument(definition).getDefinitions())
                    .as(definition).hasSize(1);
        }
    }

    @Test
    void definitionsOfAnUnchangedPortStayTheSameTextWhenAnotherPortJoins() {
        List<String> before = SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort()))).definitions();
        List<String> after = SchemaComposer.compose(new RegistrySnapshot(2, List.of(salesPort(), crmPort()))).definitions();

        List<String> salesTypes = before.stream().filter(definition -> definition.contains("type SalesOrders ")).toList();
        assertThat(salesTypes).hasSize(1);
        assertThat(after).containsAll(salesTypes);
    }

    @Test
    void datasetBecomesAConnectionFieldWithWhereOrderByAndCursorArguments() {
        String sdl = SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort()))).sdl();

        assertThat(sdl)
                .contains("sales: SalesDomain!")
                .contains("orders(where: SalesOrdersWhere, orderBy: [SalesOrdersOrderBy!], first: Int = 100, after: String): SalesOrdersConnection\n")
                .contains("nodes: [SalesOrders!]!")
                .contains("edges: [SalesOrdersEdge!]!")
                .contains("pageInfo: PageInfo!")
                .contains("totalCount: Long!")
                .contains("orderId: Long\n")
                .contains("totalAmount: BigDecimal\n")
                .contains("createdAt: DateTime\n")
                .contains("updatedAt: LocalDateTime\n")
                .contains("status: StringFilter")
                .contains("and: [SalesOrdersWhere!]")
                .contains("not: SalesOrdersWhere")
                .contains("totalAmount: SortDirection")
                .contains("\"\"\"\n  Amount including tax.\n  \n  " + SchemaComposer.REQUIRED_FIELD_NOTE
                        + "\n  \"\"\"");
        assertThat(section(sdl, "input StringFilter")).contains("contains: String", "startsWith: String", "in: [String!]", "isNull: Boolean");
        assertThat(section(sdl, "input LongFilter")).contains("gt: Long", "notIn: [Long!]").doesNotContain("contains");
    }

    @Test
    void everyNodeFieldIsNullableAndARequiredOneSaysItsPromiseInItsDescription() {
        String nodeType = section(SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort()))).sdl(),
                "type SalesOrders {");

        assertThat(nodeType).doesNotContain("!");
        assertThat(nodeType).containsSubsequence(
                "  \"\"\"\n  " + SchemaComposer.REQUIRED_FIELD_NOTE + "\n  \"\"\"\n  orderId: Long\n",
                "  \"\"\"\n  " + SchemaComposer.REQUIRED_FIELD_NOTE + "\n  \"\"\"\n  customerId: Long\n",
                "  Amount including tax.\n  \n  " + SchemaComposer.REQUIRED_FIELD_NOTE
                        + "\n  \"\"\"\n  totalAmount: BigDecimal\n");
        assertThat(nodeType).contains("  \"\"\"\n  " + SchemaComposer.REQUIRED_FIELD_NOTE
                + "\n  \"\"\"\n  createdAt: DateTime\n  updatedAt: LocalDateTime\n");
    }

    @Test
    void nullabilityInsideAFieldsTypeStaysTheArrowSchemas() {
        FieldContract tags = field("tags", true);
        FieldContract address = field("address", false);
        PortSnapshot port = new PortSnapshot(contract("lab", "lab-port", dataset("gadgets", key("gadget_id"), tags,
                address)), Map.of("gadgets", new Schema(List.of(
                        column("gadget_id", new ArrowType.Int(64, true)),
                        new Field("tags", FieldType.nullable(new ArrowType.List()),
                                List.of(new Field("item", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null))),
                        new Field("address", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                                new Field("city", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                                new Field("zip", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)))))));

        String sdl = SchemaComposer.compose(new RegistrySnapshot(1, List.of(port))).sdl();

        assertThat(section(sdl, "type LabGadgets {")).contains("tags: [String!]\n", "address: LabGadgetsAddress\n");
        assertThat(section(sdl, "type LabGadgetsAddress {")).contains("city: String!\n", "zip: String\n");
        assertThat(sdl).contains("nodes: [LabGadgets!]!", "node: LabGadgets!");
    }

    @Test
    void bindingMapsGraphQLNamesToColumnsAndKeepsTheKey() {
        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(1, List.of(salesPort())));

        DatasetBinding orders = composed.dataset("sales", "orders").orElseThrow();

        assertThat(orders.table()).isEqualTo("orders");
        assertThat(orders.sqlDialect()).isEqualTo("DUCKDB");
        assertThat(orders.keyFields()).containsExactly("orderId");
        assertThat(orders.field("totalAmount").orElseThrow().column()).isEqualTo("total_amount");
        assertThat(composed.domains()).containsExactly("sales");
    }

    @Test
    void aColumnMissingAtThePortIsLeftOutAndReported() {
        PortSnapshot port = new PortSnapshot(contract("sales", "orders-port", dataset("orders",
                        key("order_id"), field("ghost_column", false))),
                Map.of("orders", new Schema(List.of(column("order_id", new ArrowType.Int(64, true))))));

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(1, List.of(port)));

        assertThat(composed.sdl()).doesNotContain("ghostColumn");
        assertThat(composed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.portId()).isEqualTo("orders-port");
            assertThat(problem.path()).isEqualTo("$.schema[0].properties[1]");
            assertThat(problem.message()).contains("no column 'ghost_column'");
        });
    }

    @Test
    void aSecondPortClaimingTheSameTypeNameIsLeftOutAndReported() {
        PortSnapshot original = salesPort();
        PortSnapshot impostor = new PortSnapshot(
                contract("sales", "a-sales-copy", dataset("orders", key("order_id"))),
                Map.of("orders", new Schema(List.of(column("order_id", new ArrowType.Int(64, true))))));

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(1, List.of(original, impostor)));

        executable(composed.sdl());
        assertThat(composed.datasets()).hasSize(1);
        assertThat(composed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("already taken by port"));
    }

    @Test
    void aDatasetThePortDidNotReportIsLeftOut() {
        PortSnapshot port = new PortSnapshot(salesPort().contract(), Map.of());

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(3, List.of(port)));

        executable(composed.sdl());
        assertThat(composed.datasets()).isEmpty();
        assertThat(composed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("did not report table 'orders'"));
    }

    @Test
    void emptyRegistryStillYieldsAValidSchema() {
        ComposedSchema composed = SchemaComposer.compose(RegistrySnapshot.empty());

        assertThat(executable(composed.sdl()).getQueryType().getFieldDefinitions()).hasSize(1);
    }

    @Test
    void descriptionsWithTripleQuotesCannotBreakTheSdl() {
        DatasetContract dataset = new DatasetContract("notes", "notes", "ends with \"\"\" and a backslash \\", List.of(),
                List.of(new FieldContract("note_id", "note_id", "integer", "BIGINT", true, true, 1, null, List.of(),
                        "\"\"\"\ntype Injected { x: Int }\n\"\"\"")),
                List.of());
        PortSnapshot port = new PortSnapshot(contract("notes", "notes-port", dataset),
                Map.of("notes", new Schema(List.of(column("note_id", new ArrowType.Int(64, true))))));

        GraphQLSchema schema = executable(SchemaComposer.compose(new RegistrySnapshot(1, List.of(port))).sdl());

        assertThat(schema.getType("Injected")).isNull();
        assertThat(schema.getObjectType("NotesNotes").getDescription()).isEqualTo("ends with \"\"\" and a backslash \\");
    }

    @Test
    void anOlderMajorIsServedBesideTheCurrentOneDeprecatedAndRoutedByItsOwnKey() {
        PortSnapshot v2 = withVersion(salesPort(), "2.0.0", "sales-orders-port");
        PortSnapshot v1 = withVersion(salesPort(), "1.4.2", PortSnapshot.olderMajorKey("sales-orders-port", 1));

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(9, List.of(v1, v2)));
        GraphQLSchema schema = executable(composed.sdl());

        assertThat(composed.problems()).isEmpty();
        assertThat(composed.dataset("sales", "orders").orElseThrow().portId()).isEqualTo("sales-orders-port");
        assertThat(composed.dataset("sales", "ordersV1").orElseThrow().portId()).isEqualTo("sales-orders-port@v1");
        var domain = schema.getObjectType("SalesDomain");
        assertThat(domain.getFieldDefinition("orders").isDeprecated()).isFalse();
        assertThat(domain.getFieldDefinition("ordersV1").isDeprecated()).isTrue();
        assertThat(domain.getFieldDefinition("ordersV1").getDeprecationReason())
                .isEqualTo("Major version 1 (1.4.2) of port sales-orders-port, served until its owners retire it."
                        + " Use orders (version 2.0.0).");
        assertThat(schema.getObjectType("SalesOrdersV1")).isNotNull();
        assertThat(SchemaComposer.compose(new RegistrySnapshot(9, List.of(v2, v1))).sdl()).isEqualTo(composed.sdl());
    }

    /**
     * A major of ten digits is that number everywhere. PortSnapshot read it as 0 ("more than nine digits") while the
     * registry keyed it by the store's 1234567890, so the registry routed the plain names to 1234567890.0.0 and
     * composition gave them to 1.0.0 (whose 1 beat 0). The number itself is right: it is the version's major, and 0
     * is another major (0.x) of the same product.
     */
    @Test
    void aMajorOfTenDigitsIsCurrentBesideMajorOne() {
        PortSnapshot big = withVersion(salesPort(), "1234567890.0.0", "sales-orders-port");
        PortSnapshot one = withVersion(salesPort(), "1.0.0", PortSnapshot.olderMajorKey("sales-orders-port", 1));

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(9, List.of(one, big)));

        assertThat(big.majorVersion()).isEqualTo(1234567890);
        assertThat(composed.problems()).isEmpty();
        assertThat(composed.dataset("sales", "orders").orElseThrow().portId()).isEqualTo("sales-orders-port");
        assertThat(composed.dataset("sales", "ordersV1").orElseThrow().portId()).isEqualTo("sales-orders-port@v1");
    }

    @Test
    void retiringTheOlderMajorLeavesOnlyTheCurrentOne() {
        PortSnapshot v2 = withVersion(salesPort(), "2.0.0", "sales-orders-port");

        ComposedSchema composed = SchemaComposer.compose(new RegistrySnapshot(10, List.of(v2)));

        assertThat(composed.datasets()).extracting(DatasetBinding::dataset).containsExactly("orders");
        assertThat(composed.sdl()).doesNotContain("ordersV1", "@deprecated");
    }

    private static PortSnapshot withVersion(PortSnapshot port, String version, String portKey) {
        OutputPortContract contract = port.contract();
        OutputPortContract versioned = new OutputPortContract(contract.id(), version, contract.status(),
                contract.domain(), contract.dataProduct(), contract.name(), contract.description(), contract.tags(),
                contract.datasets(), contract.servers(), contract.team(), contract.slaProperties());
        return new PortSnapshot(versioned, port.liveSchemas(), portKey);
    }

    private static GraphQLSchema executable(String sdl) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        PorticoScalars.all().forEach(wiring::scalar);
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
    }

    private static String section(String sdl, String header) {
        int start = sdl.indexOf(header);
        assertThat(start).as(header).isNotNegative();
        return sdl.substring(start, sdl.indexOf('}', start));
    }

    static PortSnapshot salesPort() {
        DatasetContract orders = dataset("orders",
                key("order_id"),
                field("customer_id", true),
                field("status", true),
                field("total_amount", true, "Amount including tax."),
                field("created_at", true),
                field("updated_at", false));
        return new PortSnapshot(contract("sales", "sales-orders-port", orders), Map.of("orders", new Schema(List.of(
                column("order_id", new ArrowType.Int(64, true)),
                column("customer_id", new ArrowType.Int(64, true)),
                column("status", ArrowType.Utf8.INSTANCE),
                column("total_amount", new ArrowType.Decimal(12, 2, 128)),
                column("created_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                column("updated_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))))));
    }

    static PortSnapshot crmPort() {
        return new PortSnapshot(contract("crm", "crm-customers-port", dataset("customers",
                        key("customer_id"), field("full_name", true), field("birth_date", false), field("score", false))),
                Map.of("customers", new Schema(List.of(
                        column("customer_id", new ArrowType.Int(64, true)),
                        column("full_name", ArrowType.Utf8.INSTANCE),
                        column("birth_date", new ArrowType.Date(DateUnit.DAY)),
                        column("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))))));
    }

    static PortSnapshot logisticsPort() {
        return new PortSnapshot(contract("logistics", "logistics-shipments-port", dataset("shipments",
                        key("shipment_id"), field("delivered", false))),
                Map.of("shipments", new Schema(List.of(
                        column("shipment_id", new ArrowType.Int(64, true)),
                        column("delivered", ArrowType.Bool.INSTANCE)))));
    }

    static OutputPortContract contract(String domain, String id, DatasetContract... datasets) {
        ServerContract server = new ServerContract(domain + "-port", "custom", null, null,
                Map.of(ServerContract.FLIGHT_SQL_URL, "grpc+tcp://localhost:31337", ServerContract.SQL_DIALECT, "DUCKDB"));
        return new OutputPortContract(id, "1.0.0", "active", domain, domain + "-product", null, null, List.of(),
                List.of(datasets), List.of(server), null, List.of());
    }

    static DatasetContract dataset(String name, FieldContract... fields) {
        List<FieldContract> list = List.of(fields);
        return new DatasetContract(name, name, "The " + name + ".", List.of(), list, List.of());
    }

    static FieldContract field(String name, boolean required) {
        return field(name, required, null);
    }

    static FieldContract field(String name, boolean required, String description) {
        return new FieldContract(name, name, null, null, required, false, -1, null, List.of(), description);
    }

    /** A single-field primary key. */
    static FieldContract key(String name) {
        return new FieldContract(name, name, null, null, true, true, 1, null, List.of(), null);
    }

    static Field column(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }
}
