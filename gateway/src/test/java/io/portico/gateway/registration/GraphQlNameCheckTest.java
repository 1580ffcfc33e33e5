package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.graphql.StaticSchemaFiles;
import io.portico.gateway.testing.Gadgets;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphQlNameCheck}: names on their own, and the candidate in a trial schema with the other ports and the
 * gateway's static schema files (registration, catalog).
 */
class GraphQlNameCheckTest {

    private static final Schema GADGETS = new Schema(List.of(
            new Field("gadget_id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("price", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null)));

    private final GraphQlNameCheck check = new GraphQlNameCheck(StaticSchemaFiles.load());

    private static OutputPortContract contract(String id, String domain, String dataset) {
        return ContractParser.parse(Gadgets.contract(id, domain, "1.0.0", TestPort.NOWHERE)
                .dataset(Gadgets.GADGETS.replace("- name: gadgets", "- name: " + dataset))
                .yaml());
    }

    private static Map<String, Schema> schemas(OutputPortContract contract) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        contract.datasets().forEach(dataset -> schemas.put(dataset.name(), GADGETS));
        return schemas;
    }

    /** The registry serving {@code ports}, as the gateway would have composed it. */
    private static RegistryView registry(OutputPortContract... ports) {
        List<PortSnapshot> snapshots = java.util.Arrays.stream(ports)
                .map(port -> new PortSnapshot(port, schemas(port)))
                .toList();
        RegistrySnapshot snapshot = new RegistrySnapshot(7, snapshots);
        ComposedSchema live = SchemaComposer.compose(snapshot);
        return RegistryView.of(snapshot, live.problems());
    }

    private List<RegistrationProblem> compose(OutputPortContract candidate, RegistryView registry) {
        return check.checkComposition(candidate, schemas(candidate), registry);
    }

    @Test
    void dashesAndUnderscoresBecomeCamelCase() {
        OutputPortContract candidate = contract("lab-port", "lab", "order-lines");

        assertThat(check.checkContract(candidate)).isEmpty();
        assertThat(compose(candidate, registry())).isEmpty();
    }

    @Test
    void namesGraphQlReservesOrCannotSpellAreRefused() {
        OutputPortContract candidate = ContractParser.parse(Gadgets.contract("lab-port", "lab", "1.0.0",
                TestPort.NOWHERE).dataset("""
                  - name: __x
                    properties:
                      - name: id
                        logicalType: integer
                  - name: "---"
                    properties:
                      - name: and
                        logicalType: integer
                      - name: order_id
                        logicalType: integer
                      - name: orderId
                        logicalType: integer
                  - name: order-lines
                    properties:
                      - name: id
                        logicalType: integer
                  - name: order_lines
                    properties:
                      - name: id
                        logicalType: integer
                """).yaml());

        List<RegistrationProblem> problems = check.checkContract(candidate);

        assertThat(problems).extracting(RegistrationProblem::path).containsExactly(
                "$.schema[0].name", "$.schema[1].name", "$.schema[1].properties[0].name",
                "$.schema[1].properties[2].name", "$.schema[3].name");
        assertThat(problems).extracting(RegistrationProblem::problem).containsExactly(
                "dataset name '__x' starts with '__', which GraphQL reserves for introspection",
                "dataset name '---' has no ASCII letter or digit, so it yields no GraphQL name",
                "field '---.and' maps to GraphQL name 'and', an operator of the where input",
                "fields 'order_id' and 'orderId' of dataset '---' both map to GraphQL field 'orderId'",
                "datasets 'order-lines' and 'order_lines' both map to GraphQL field 'orderLines'");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.kind()).isEqualTo(ProblemKind.GRAPHQL_NAME));
    }

    @Test
    void aSecondDomainClaimingAnotherPortsTypeIsRefused() {
        OutputPortContract sales = contract("sales-gadgets", "sales", "orders");
        // "Sales" is another domain, but GraphQL names it like "sales": its orders would be SalesOrders too.
        OutputPortContract impostor = contract("impostor-port", "Sales", "orders");

        List<RegistrationProblem> problems = compose(impostor, registry(sales));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.NAME_COLLISION);
            assertThat(problem.path()).isEqualTo("$.schema[0].name");
            assertThat(problem.problem()).contains("port 'sales-gadgets'").contains("SalesOrders");
        });
    }

    @Test
    void aTypeNameThatAnotherDomainsNamesAlsoSpellIsRefused() {
        OutputPortContract sales = contract("sales-gadgets", "sales", "orders_items");
        OutputPortContract unrelated = contract("crm-gadgets", "crm", "customers");
        // Domain sales_orders, dataset items: SalesOrdersItems, the type of sales' dataset orders_items.
        OutputPortContract candidate = contract("sales-orders-port", "sales_orders", "items");

        List<RegistrationProblem> problems = compose(candidate, registry(sales, unrelated));

        assertThat(problems).isNotEmpty().allSatisfy(problem ->
                assertThat(problem.kind()).isEqualTo(ProblemKind.NAME_COLLISION));
        assertThat(problems).anySatisfy(problem ->
                assertThat(problem.problem()).contains("SalesOrdersItems").contains("sales-gadgets"));
        assertThat(compose(contract("crm-more", "crm", "orders_items"), registry(sales, unrelated)))
                .as("the same dataset name in another domain is another type").isEmpty();
    }

    @Test
    void aDatasetOfAnotherPortInTheSameDomainCannotBeTakenEither() {
        OutputPortContract first = contract("first-port", "lab", "gadgets");
        OutputPortContract second = contract("second-port", "lab", "gadgets");

        assertThat(compose(second, registry(first))).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.NAME_COLLISION);
            assertThat(problem.problem()).contains("LabGadgets").contains("first-port");
        });
        assertThat(compose(first, registry(first))).as("a port replacing itself").isEmpty();
    }

    @Test
    void namesOfTheGatewaysOwnSchemaAreTaken() {
        assertThat(compose(contract("pager", "page", "info"), registry())).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.NAME_COLLISION);
            assertThat(problem.path()).isEqualTo("$.schema[0].name");
            assertThat(problem.problem()).isEqualTo("GraphQL type 'PageInfo' would be defined twice: this"
                    + " contract's names produce it and another port or the gateway's schema has it");
        });
        assertThat(compose(contract("results", "registration", "result"), registry()))
                .singleElement().satisfies(problem -> assertThat(problem.problem()).isEqualTo("GraphQL type"
                        + " 'RegistrationResult' would be defined twice: this contract's names produce it and the"
                        + " gateway's own API defines it"));
        assertThat(compose(contract("decimals", "big", "decimal"), registry()))
                .singleElement().satisfies(problem -> assertThat(problem.problem()).contains("BigDecimal"));
        assertThat(compose(contract("versions", "schema_version", "gadgets"), registry()))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("$.domain");
                    assertThat(problem.problem()).isEqualTo("root field Query.schemaVersion would be defined twice:"
                            + " this contract's domain produces it and the gateway's schema has it");
                });
        assertThat(compose(contract("products", "data_products", "gadgets"), registry()))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("$.domain");
                    assertThat(problem.problem()).isEqualTo("root field Query.dataProducts would be defined twice:"
                            + " this contract's domain produces it and the gateway's own API defines it");
                });
    }

    @Test
    void aDatasetNamedLikeAnotherDatasetsConnectionIsRefused() {
        OutputPortContract sales = contract("sales-gadgets", "sales", "orders");

        assertThat(compose(contract("sales-more", "sales", "orders_connection"), registry(sales)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.kind()).isEqualTo(ProblemKind.NAME_COLLISION);
                    assertThat(problem.problem()).contains("SalesOrdersConnection");
                });
    }
}
