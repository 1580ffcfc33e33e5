package io.portico.schema.compose;

import static io.portico.schema.compose.SchemaComposerTest.column;
import static io.portico.schema.compose.SchemaComposerTest.contract;
import static io.portico.schema.compose.SchemaComposerTest.crmPort;
import static io.portico.schema.compose.SchemaComposerTest.field;
import static io.portico.schema.compose.SchemaComposerTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.schema.compose.RelationshipBinding.Cardinality;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.types.PorticoScalars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Foreign keys in contracts becoming relationship fields in both directions. */
class RelationshipCompositionTest {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);

    @Test
    void aCrossDomainForeignKeyBecomesAnObjectFieldAndAReverseConnectionField() {
        ComposedSchema composed = compose(ordersPort(), crmPort());
        GraphQLSchema schema = executable(composed.sdl());

        assertThat(composed.problems()).isEmpty();
        GraphQLFieldDefinition customer = schema.getObjectType("SalesOrders").getFieldDefinition("customer");
        assertThat(GraphQLTypeUtil.simplePrint(customer.getType())).isEqualTo("CrmCustomers");
        GraphQLFieldDefinition orders = schema.getObjectType("CrmCustomers").getFieldDefinition("orders");
        assertThat(GraphQLTypeUtil.simplePrint(orders.getType())).isEqualTo("SalesOrdersConnection");
        assertThat(orders.getArguments()).extracting(argument -> argument.getName())
                .containsExactly("where", "orderBy", "first", "after");
        assertThat(GraphQLTypeUtil.simplePrint(orders.getArgument("where").getType())).isEqualTo("SalesOrdersWhere");
        assertThat(composed.sdl()).contains("orders(where: SalesOrdersWhere, orderBy: [SalesOrdersOrderBy!], first: Int = 100, after: String): SalesOrdersConnection\n");
        assertThat(customer.getDescription()).startsWith("The customer who placed the order.")
                .contains("Null when no crm.customers row matches customerId");

        assertThat(composed.relationships()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("description")
                .containsExactly(
                new RelationshipBinding("orders", Cardinality.ONE_TO_MANY, "crm", "customers", List.of("customerId"),
                        "sales", "orders", List.of("customerId"), orders.getDescription()),
                new RelationshipBinding("customer", Cardinality.MANY_TO_ONE, "sales", "orders",
                        List.of("customerId"), "crm", "customers", List.of("customerId"), customer.getDescription()));
        assertThat(composed.relationship("sales", "orders", "customer")).isPresent();
        assertThat(composed.relationships("crm", "customers")).extracting(RelationshipBinding::fieldName)
                .containsExactly("orders");
    }

    @Test
    void relationshipFieldsAppearOnlyWhileBothEndsAreRegistered() {
        ComposedSchema salesOnly = compose(ordersPort());
        ComposedSchema both = compose(ordersPort(), crmPort());
        ComposedSchema crmRetired = compose(ordersPort());
        ComposedSchema salesRetired = compose(crmPort());

        assertThat(salesOnly.relationships()).isEmpty();
        assertThat(salesOnly.problems()).isEmpty();
        assertThat(both.relationships()).hasSize(2);
        assertThat(crmRetired.sdl()).isEqualTo(salesOnly.sdl()).doesNotContain("customer:", "CrmCustomers");
        assertThat(salesRetired.sdl()).doesNotContain("orders(", "SalesOrders");
        assertThat(salesRetired.sdl()).isEqualTo(compose(crmPort()).sdl());
        executable(salesOnly.sdl());
        executable(salesRetired.sdl());
    }

    @Test
    void theSdlIsTheSameWhateverTheRegistrationOrder() {
        List<PortSnapshot> ports = new ArrayList<>(List.of(ordersPort(), crmPort(), shipmentsPort()));
        String first = compose(ports.toArray(PortSnapshot[]::new)).sdl();
        Collections.reverse(ports);

        assertThat(compose(ports.toArray(PortSnapshot[]::new)).sdl()).isEqualTo(first);
    }

    @Test
    void aForeignKeyWithinOneDomainWorksWithoutTargetDomain() {
        DatasetContract items = new DatasetContract("order_items", "order_items", null, List.of(),
                List.of(key("item_id"), field("order_id", true)),
                List.of(new RelationshipContract("foreignKey", "order_items", List.of("order_id"), "sales", "orders",
                        List.of("order_id"), "many-to-one", null)));
        PortSnapshot port = new PortSnapshot(contract("sales", "sales-port", ordersDataset(List.of()), items),
                Map.of("orders", ordersSchema(), "order_items", new Schema(List.of(
                        column("item_id", INT64), column("order_id", INT64)))));

        ComposedSchema composed = compose(port);
        GraphQLSchema schema = executable(composed.sdl());

        assertThat(composed.problems()).isEmpty();
        assertThat(schema.getObjectType("SalesOrderItems").getFieldDefinition("order")).isNotNull();
        assertThat(schema.getObjectType("SalesOrders").getFieldDefinition("orderItems")).isNotNull();
    }

    @Test
    void aNameTakenByADataFieldFallsBackToTheTargetDatasetAndTheReverseToTheDomainPrefix() {
        // orders has a data field 'customer' and crm.customers a data field 'orders'.
        DatasetContract orders = new DatasetContract("orders", "orders", null, List.of(),
                List.of(key("order_id"), field("customer_id", true), field("customer", false)),
                List.of(toCustomers()));
        PortSnapshot sales = new PortSnapshot(contract("sales", "sales-port", orders), Map.of("orders", new Schema(
                List.of(column("order_id", INT64), column("customer_id", INT64),
                        column("customer", ArrowType.Utf8.INSTANCE)))));
        PortSnapshot crm = new PortSnapshot(contract("crm", "crm-port", new DatasetContract("customers", "customers",
                null, List.of(), List.of(key("customer_id"), field("orders", false)), List.of())),
                Map.of("customers", new Schema(List.of(column("customer_id", INT64), column("orders", INT64)))));

        ComposedSchema composed = compose(sales, crm);
        GraphQLSchema schema = executable(composed.sdl());

        assertThat(composed.problems()).isEmpty();
        assertThat(GraphQLTypeUtil.simplePrint(schema.getObjectType("SalesOrders").getFieldDefinition("customers")
                .getType())).isEqualTo("CrmCustomers");
        assertThat(GraphQLTypeUtil.simplePrint(schema.getObjectType("CrmCustomers").getFieldDefinition("salesOrders")
                .getType())).isEqualTo("SalesOrdersConnection");
    }

    @Test
    void aRelationshipOnAFieldOfAnotherTypeIsLeftOutAndReported() {
        PortSnapshot crm = new PortSnapshot(contract("crm", "crm-port", new DatasetContract("customers", "customers",
                null, List.of(), List.of(key("customer_id")), List.of())),
                Map.of("customers", new Schema(List.of(column("customer_id", ArrowType.Utf8.INSTANCE)))));

        ComposedSchema composed = compose(ordersPort(), crm);

        assertThat(composed.relationships()).isEmpty();
        assertThat(composed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.portId()).isEqualTo("sales-orders-port");
            assertThat(problem.message()).contains("different types");
        });
    }

    @Test
    void aChainOfRelationshipsAcrossThreeDomains() {
        ComposedSchema composed = compose(ordersPort(), crmPort(), shipmentsPort());

        assertThat(composed.relationships()).extracting(
                relationship -> relationship.ownerType() + "." + relationship.fieldName())
                .containsExactly("CrmCustomers.orders", "LogisticsShipments.order", "SalesOrders.customer",
                        "SalesOrders.shipments");
        executable(composed.sdl());
    }

    @Test
    void anOlderMajorHasNoRelationshipFields() {
        PortSnapshot v1 = new PortSnapshot(withVersion(ordersPort(), "1.0.0"), ordersPort().liveSchemas(),
                PortSnapshot.olderMajorKey("sales-orders-port", 1));
        PortSnapshot v2 = new PortSnapshot(withVersion(ordersPort(), "2.0.0"), ordersPort().liveSchemas());

        ComposedSchema composed = compose(v1, v2, crmPort());

        assertThat(composed.relationships()).extracting(RelationshipBinding::ownerDataset)
                .containsExactly("customers", "orders");
        assertThat(composed.relationships()).allSatisfy(relationship ->
                assertThat(relationship.ownerDataset() + relationship.targetDataset()).doesNotContain("V1"));
    }

    @Test
    void aForeignKeyIntoAClassifiedFieldThatIsNotTheKeyIsLeftOutInBothDirections() {
        ComposedSchema composed = compose(calendarPort(), crmPortClassifying("Restricted"));

        GraphQLSchema schema = executable(composed.sdl());
        assertThat(composed.relationships()).isEmpty();
        assertThat(schema.getObjectType("CrmCustomers").getFieldDefinition("days")).isNull();
        assertThat(schema.getObjectType("SalesDays").getFieldDefinition("customers")).isNull();
        assertThat(composed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.portId()).isEqualTo("sales-calendar-port");
            assertThat(problem.kind()).isEqualTo(CompositionProblem.Kind.CLASSIFIED_KEY);
            assertThat(problem.message()).contains("crm.customers.birth_date (classified 'Restricted')",
                    "not the primary key of crm.customers (customer_id)");
        });
    }

    @Test
    void anOpenOrMissingClassificationOrAClassifiedPrimaryKeyKeepsTheRelationship() {
        assertThat(compose(calendarPort(), crmPortClassifying("PUBLIC")).relationships()).hasSize(2);
        assertThat(compose(calendarPort(), crmPortClassifying(null)).relationships()).hasSize(2);
        RegistrySnapshot restrictedOpen = new RegistrySnapshot(1, List.of(calendarPort(), crmPortClassifying("restricted")));
        assertThat(SchemaComposer.compose(restrictedOpen, new RelationshipKeyRule(java.util.Set.of("public", "Restricted")))
                .relationships()).extracting(RelationshipBinding::fieldName).containsExactly("days", "customers");

        FieldContract classifiedKey = new FieldContract("customer_id", "customer_id", null, null, true, true, 1,
                "confidential", List.of(), null);
        PortSnapshot crm = new PortSnapshot(contract("crm", "crm-customers-port", new DatasetContract("customers",
                "customers", null, List.of(), List.of(classifiedKey), List.of())),
                Map.of("customers", new Schema(List.of(column("customer_id", INT64)))));
        assertThat(compose(ordersPort(), crm).relationships()).hasSize(2);
    }

    /** sales.days: one row per date, its {@code day} a foreign key to crm.customers.birth_date. */
    private static PortSnapshot calendarPort() {
        DatasetContract days = new DatasetContract("days", "days", null, List.of(), List.of(key("day")),
                List.of(new RelationshipContract("foreignKey", "days", List.of("day"), "crm", "customers",
                        List.of("birth_date"), "many-to-one", null)));
        return new PortSnapshot(contract("sales", "sales-calendar-port", days), Map.of("days",
                new Schema(List.of(column("day", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY))))));
    }

    /** crm.customers with its birth_date classified as given (null: no classification). */
    private static PortSnapshot crmPortClassifying(String classification) {
        FieldContract birthDate = new FieldContract("birth_date", "birth_date", null, null, false, false, -1,
                classification, List.of(), null);
        return new PortSnapshot(contract("crm", "crm-customers-port", new DatasetContract("customers", "customers",
                null, List.of(), List.of(key("customer_id"), birthDate), List.of())),
                Map.of("customers", new Schema(List.of(column("customer_id", INT64),
                        column("birth_date", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY))))));
    }

    private static io.portico.schema.contract.OutputPortContract withVersion(PortSnapshot port, String version) {
        var contract = port.contract();
        return new io.portico.schema.contract.OutputPortContract(contract.id(), version, contract.status(),
                contract.domain(), contract.dataProduct(), contract.name(), contract.description(), contract.tags(),
                contract.datasets(), contract.servers(), contract.team(), contract.slaProperties());
    }

    private static RelationshipContract toCustomers() {
        return new RelationshipContract("foreignKey", "orders", List.of("customer_id"), "crm", "customers",
                List.of("customer_id"), "many-to-one", "The customer who placed the order.");
    }

    static PortSnapshot ordersPort() {
        return new PortSnapshot(contract("sales", "sales-orders-port", ordersDataset(List.of(toCustomers()))),
                Map.of("orders", ordersSchema()));
    }

    private static DatasetContract ordersDataset(List<RelationshipContract> relationships) {
        List<FieldContract> fields = List.of(key("order_id"), field("customer_id", true), field("status", true));
        return new DatasetContract("orders", "orders", "The orders.", List.of(), fields, relationships);
    }

    private static Schema ordersSchema() {
        return new Schema(List.of(column("order_id", INT64), column("customer_id", INT64),
                column("status", ArrowType.Utf8.INSTANCE)));
    }

    static PortSnapshot shipmentsPort() {
        DatasetContract shipments = new DatasetContract("shipments", "shipments", null, List.of(),
                List.of(key("shipment_id"), field("order_id", true)),
                List.of(new RelationshipContract("foreignKey", "shipments", List.of("order_id"), "sales", "orders",
                        List.of("order_id"), "many-to-one", null)));
        return new PortSnapshot(contract("logistics", "logistics-shipments-port", shipments),
                Map.of("shipments", new Schema(List.of(column("shipment_id", INT64), column("order_id", INT64)))));
    }

    private static ComposedSchema compose(PortSnapshot... ports) {
        return SchemaComposer.compose(new RegistrySnapshot(1, List.of(ports)));
    }

    private static GraphQLSchema executable(String sdl) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        PorticoScalars.all().forEach(wiring::scalar);
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
    }
}
