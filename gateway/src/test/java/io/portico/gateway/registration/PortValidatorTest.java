package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.graphql.StaticSchemaFiles;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PortValidator} against a real Flight SQL port: every failure is a problem at its contract path, an
 * unreachable port is a problem (not an exception), a dangling relationship is a warning.
 */
class PortValidatorTest {

    private static TestPort port;

    private BufferAllocator allocator;
    private PortValidator validator;

    @BeforeAll
    static void startPort() throws Exception {
        port = Gadgets.workshopPort("lab");
    }

    @AfterAll
    static void stopPort() throws Exception {
        port.close();
    }

    @BeforeEach
    void createValidator() {
        allocator = new RootAllocator();
        validator = new PortValidator(allocator, TestPortCredentials.channels(), Duration.ofSeconds(5),
                new GraphQlNameCheck(StaticSchemaFiles.load()));
    }

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private PortValidation validate(String document) {
        return validator.validate(ContractParser.parse(document), RegistryView.of(RegistrySnapshot.empty(), List.of()));
    }

    private String contract(String... datasets) {
        ContractBuilder builder = Gadgets.contract("lab-port", "lab", "1.0.0", port.url());
        for (String dataset : datasets) {
            builder.dataset(dataset);
        }
        return builder.yaml();
    }

    @Test
    void aContractItsPortMatchesIsValidAndCarriesTheLiveSchemas() {
        PortValidation validation = validate(contract(Gadgets.GADGETS_ALL, Gadgets.PARTS));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.warnings()).isEmpty();
        assertThat(validation.reachable()).isTrue();
        assertThat(validation.liveSchemas().keySet()).containsExactly("gadgets", "parts");
    }

    @Test
    void anUnreachablePortIsAProblemNotAFailure() {
        PortValidation validation = validate(Gadgets.document("lab-port", "lab", "1.0.0", TestPort.NOWHERE));

        assertThat(validation.reachable()).isFalse();
        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("PORT_UNAVAILABLE");
            assertThat(problem.kind()).isEqualTo(ProblemKind.PORT_UNREACHABLE);
            assertThat(problem.path()).isEqualTo("$.servers[0]");
            assertThat(problem.problem()).contains(TestPort.NOWHERE);
        });
    }

    @Test
    void aDatasetThePortDoesNotServeIsMissing() {
        PortValidation validation = validate(contract(Gadgets.GADGETS, """
                  - name: invoices
                    properties:
                      - name: invoice_id
                        logicalType: integer
                """));

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.DATASET_MISSING);
            assertThat(problem.path()).isEqualTo("$.schema[1]");
            assertThat(problem.problem()).isEqualTo("dataset 'invoices': the port serves no table 'invoices' (it"
                    + " serves gadgets, parts)");
        });
    }

    @Test
    void fieldsAreCheckedForColumnTypeAndNullability() {
        PortValidation validation = validate(contract("""
                  - name: gadgets
                    properties:
                      - name: gadget_id
                        logicalType: string
                        required: true
                      - name: name
                        logicalType: string
                        physicalType: INTEGER
                      - name: price
                        logicalType: number
                        physicalType: DECIMAL(12,2)
                        required: true
                      - name: weight
                        logicalType: number
                      - name: launched
                        logicalType: timestamp
                      - name: tags
                        logicalType: object
                """));

        assertThat(validation.problems()).extracting(RegistrationProblem::path, RegistrationProblem::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[0].logicalType", ProblemKind.FIELD_TYPE),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[1].physicalType", ProblemKind.FIELD_TYPE),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[2].physicalType", ProblemKind.FIELD_TYPE),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[2].required", ProblemKind.NULLABILITY),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[3]", ProblemKind.FIELD_MISSING),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[4].logicalType", ProblemKind.FIELD_TYPE),
                        org.assertj.core.groups.Tuple.tuple("$.schema[0].properties[5].logicalType", ProblemKind.FIELD_TYPE));
        assertThat(validation.problems().getFirst().problem())
                .isEqualTo("field 'gadgets.gadget_id' is declared string but column 'gadget_id' is int64");
        assertThat(validation.problems().get(2).problem())
                .isEqualTo("field 'gadgets.price' is declared DECIMAL(12,2) but column 'price' is decimal(10,2)");
        assertThat(validation.problems().get(3).problem())
                .isEqualTo("field 'gadgets.price' is required but column 'price' is nullable at the port");
        assertThat(validation.problems().get(4).problem()).startsWith("field 'gadgets.weight': table 'gadgets' has no"
                + " column 'weight' (its columns: gadget_id, name, price, launched, sold_at, tags, specs)");
        assertThat(validation.problems()).allSatisfy(problem -> assertThat(problem.code()).isEqualTo("INVALID_CONTRACT"));
    }

    @Test
    void aRelationshipToADatasetNoPortPublishesIsAWarning() {
        PortValidation validation = validate(contract("""
                  - name: parts
                    properties:
                      - name: part_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                      - name: gadget_id
                        logicalType: integer
                        relationships:
                          - type: foreignKey
                            to: gizmos.gizmo_id
                            customProperties:
                              - property: targetDomain
                                value: toys
                """));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo(RegistrationProblem.WARNING);
            assertThat(warning.kind()).isEqualTo(ProblemKind.DANGLING_RELATIONSHIP);
            assertThat(warning.path()).isEqualTo("$.schema[0].properties[1]");
            assertThat(warning.problem()).isEqualTo("relationship parts(gadget_id) -> toys.gizmos(gizmo_id) is"
                    + " dangling: no registered port of domain 'toys' publishes a dataset 'gizmos'");
        });
    }

    /** gadgets with its name classified as given. */
    private static String gadgetsClassifyingName(String classification) {
        return """
                  - name: gadgets
                    properties:
                      - name: gadget_id
                        logicalType: integer
                        physicalType: BIGINT
                        required: true
                        primaryKey: true
                      - name: name
                        logicalType: string
                        required: true
                        classification: %s
                """.formatted(classification);
    }

    @Test
    void aForeignKeyIntoAClassifiedFieldThatIsNotTheKeyIsRefused() {
        PortValidation validation = validate(contract(gadgetsClassifyingName("Restricted"), """
                  - name: parts
                    properties:
                      - name: part_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                      - name: gadget_id
                        logicalType: integer
                        relationships:
                          - type: foreignKey
                            to: gadgets.gadget_id
                      - name: label
                        logicalType: string
                        relationships:
                          - type: foreignKey
                            to: gadgets.name
                """));

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("INVALID_CONTRACT");
            assertThat(problem.kind()).isEqualTo(ProblemKind.CLASSIFIED_KEY);
            assertThat(problem.path()).isEqualTo("$.schema[1].properties[2]");
            assertThat(problem.problem()).isEqualTo("relationship parts(label) -> lab.gadgets(name) is refused: it"
                    + " points at lab.gadgets.name (classified 'Restricted'), which is not the primary key of"
                    + " lab.gadgets (gadget_id): a join on it would reveal its values to callers whom a policy"
                    + " denies them");
            assertThat(problem.expected()).contains("the primary key of lab.gadgets (gadget_id)",
                    "portico.relationships.open-classifications");
        });
    }

    @Test
    void anOpenClassificationOrAKeyIsNotRefused() {
        var restrictedOpen = new io.portico.schema.compose.RelationshipKeyRule(java.util.Set.of("public", "restricted"));
        PortValidator open = new PortValidator(allocator, TestPortCredentials.channels(), Duration.ofSeconds(5),
                new GraphQlNameCheck(StaticSchemaFiles.load(), restrictedOpen), restrictedOpen);
        String parts = """
                  - name: parts
                    properties:
                      - name: part_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                      - name: label
                        logicalType: string
                        relationships:
                          - type: foreignKey
                            to: gadgets.name
                """;

        assertThat(validate(contract(gadgetsClassifyingName("public"), parts)).problems()).isEmpty();
        assertThat(open.validate(ContractParser.parse(contract(gadgetsClassifyingName("RESTRICTED"), parts)),
                RegistryView.of(RegistrySnapshot.empty(), List.of())).problems()).isEmpty();
    }

    @Test
    void classifyingAFieldAnotherPortsForeignKeyPointsAtIsAWarning() {
        OutputPortContract toys = ContractParser.parse(Gadgets.contract("toys-port", "toys", "1.0.0", port.url())
                .dataset("""
                          - name: parts
                            properties:
                              - name: part_id
                                logicalType: integer
                                required: true
                                primaryKey: true
                              - name: label
                                logicalType: string
                                relationships:
                                  - type: foreignKey
                                    to: gadgets.name
                                    customProperties:
                                      - property: targetDomain
                                        value: lab
                        """).yaml());
        RegistrySnapshot registry = new RegistrySnapshot(3, List.of(
                new io.portico.schema.compose.PortSnapshot(toys, java.util.Map.of())));

        PortValidation validation = validator.validate(ContractParser.parse(contract(gadgetsClassifyingName("restricted"))),
                RegistryView.of(registry, List.of()));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.kind()).isEqualTo(ProblemKind.CLASSIFIED_KEY);
            assertThat(warning.path()).isEqualTo("$.schema[0]");
            assertThat(warning.problem()).startsWith("relationship parts(label) -> lab.gadgets(name) of port"
                    + " 'toys-port' is left out of the schema: it points at lab.gadgets.name (classified 'restricted')");
        });
    }
}
