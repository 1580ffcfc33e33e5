package io.portico.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The real documents: the three demo contracts (the seam between the modules) and the two official ODCS examples
 * in the steering repository's {@code shared/odcs/}, which also holds the ODCS JSON Schema they are checked against.
 */
class ContractExamplesTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DEMO_CONTRACTS =
            MODULE.resolve("../flight-server/src/main/resources/demo/contracts").normalize();
    private static final String ODCS_SCHEMA = "odcs-json-schema-v3.1.0.json";

    private static JsonSchema odcsSchema;

    /** The official ODCS JSON Schema, loaded on first use by the tests that need it. */
    private static synchronized JsonSchema odcsSchema() throws IOException {
        if (odcsSchema == null) {
            try (InputStream schema = Files.newInputStream(sharedOdcs().resolve(ODCS_SCHEMA))) {
                odcsSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema);
            }
        }
        return odcsSchema;
    }

    static Stream<String> demoContracts() {
        return Stream.of("sales", "crm", "logistics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoContracts")
    void demoContractParsesAsAFlightPort(String domain) {
        OutputPortContract contract = ContractParser.parse(demoContract(domain));

        assertThat(contract.domain()).isEqualTo(domain);
        assertThat(contract.version()).isEqualTo("1.0.0");
        assertThat(contract.description()).isNotBlank();
        assertThat(contract.flightServer()).hasValueSatisfying(server -> {
            assertThat(server.flightSqlUrl()).contains("grpc+tcp://" + domain + "-port:31337");
            assertThat(server.sqlDialect()).contains("DUCKDB");
        });
        assertThat(contract.datasets()).singleElement().satisfies(dataset -> {
            assertThat(dataset.primaryKey()).hasSize(1);
            assertThat(dataset.fields()).allSatisfy(field -> {
                assertThat(field.logicalType()).isIn(ContractMapper.LOGICAL_TYPES);
                assertThat(field.classification()).isNotNull();
            });
        });
    }

    @Test
    void demoRelationshipsCrossDomains() {
        DatasetContract orders = ContractParser.parse(demoContract("sales")).dataset("orders").orElseThrow();
        DatasetContract shipments = ContractParser.parse(demoContract("logistics")).dataset("shipments").orElseThrow();

        assertThat(orders.relationships()).containsExactly(new RelationshipContract("foreignKey", "orders",
                List.of("customer_id"), "crm", "customers", List.of("customer_id"), "many-to-one",
                "The customer who placed the order (crm domain)."));
        assertThat(shipments.relationships()).singleElement().satisfies(relationship -> {
            assertThat(relationship.targetDomain()).isEqualTo("sales");
            assertThat(relationship.toDataset()).isEqualTo("orders");
            assertThat(relationship.toFields()).containsExactly("order_id");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoContracts")
    void demoContractValidatesAgainstTheOdcsJsonSchema(String domain) throws IOException {
        assertThat(schemaErrors(Files.readString(demoContract(domain)))).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsWhatOdcsRejects() throws IOException {
        String broken = Files.readString(demoContract("sales")).replace("logicalType: integer", "logicalType: strng");

        assertThat(schemaErrors(broken)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoContracts")
    void yamlAndJsonOfTheSameContractParseToEqualRecords(String domain) throws IOException {
        String yaml = Files.readString(demoContract(domain));
        String json = JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(YAMLMapper.builder().build().readTree(yaml));

        assertThat(json).startsWith("{");
        assertThat(ContractParser.parse(json)).isEqualTo(ContractParser.parse(yaml));
    }

    @Test
    void odcsExamplesValidateAgainstTheirOwnSchema() throws IOException {
        assertThat(schemaErrors(Files.readString(sharedOdcs().resolve("full-example.odcs.yaml")))).isEmpty();
        assertThat(schemaErrors(Files.readString(sharedOdcs().resolve("all-data-types.odcs.yaml")))).isEmpty();
    }

    /**
     * The official full example is read whole, unknown fields and a non-Flight server included. Its relationship
     * to {@code receiver_types}, a dataset it does not publish, is left for registration to report as dangling.
     */
    @Test
    void odcsFullExampleParsesWithoutAFlightServer() throws IOException {
        OutputPortContract contract = ContractParser.parse(Files.readString(sharedOdcs().resolve("full-example.odcs.yaml")));

        assertThat(contract.flightServer()).isEmpty();
        assertThat(contract.servers()).extracting(ServerContract::type).containsExactly("postgres");
        assertThat(contract.domain()).isEqualTo("seller");
        assertThat(contract.description()).isEqualTo("Views built on top of the seller tables.");
        assertThat(contract.datasets()).extracting(DatasetContract::name).containsExactly("tbl", "receivers");
        DatasetContract table = contract.dataset("tbl").orElseThrow();
        assertThat(table.physicalName()).isEqualTo("tbl_1");
        assertThat(table.field("transaction_reference_date").orElseThrow().physicalName()).isEqualTo("txn_ref_dt");
        assertThat(table.relationships()).containsExactly(
                new RelationshipContract("foreignKey", "tbl", List.of("rcvr_id"), "seller", "receivers",
                        List.of("id"), "many-to-one", "Links to receiver master data"),
                new RelationshipContract("foreignKey", "tbl", List.of("rcvr_id", "rcvr_cntry_code"), "seller",
                        "receivers", List.of("id", "country_code"), "many-to-one",
                        "Composite key linking to receivers table"));
        assertThat(contract.dataset("receivers").orElseThrow().primaryKey()).extracting(FieldContract::name)
                .containsExactly("id", "country_code");
        assertThat(contract.dataset("receivers").orElseThrow().relationships()).singleElement()
                .satisfies(relationship -> {
                    assertThat(relationship.targetDomain()).isEqualTo("seller");
                    assertThat(relationship.toDataset()).isEqualTo("receiver_types");
                });
        assertThat(contract.team().members()).extracting(TeamContract.TeamMember::username)
                .containsExactly("ceastwood", "mhopper", "daustin");
        assertThat(contract.slaProperty("timeOfAvailability")).hasValueSatisfying(
                sla -> assertThat(sla.value()).isEqualTo("09:00-08:00"));
        assertThat(contract.slaProperty("latency")).contains(new SlaProperty("latency", "4", "d", "tab1.txn_ref_dt", null));
    }

    /**
     * The official all-data-types example has no {@code domain}, which ODCS allows and Portico needs (a domain is a
     * root field of the GraphQL schema); that is its only problem. Given one, it parses.
     */
    @Test
    void odcsAllDataTypesExampleParsesOnceItHasADomain() throws IOException {
        String document = Files.readString(sharedOdcs().resolve("all-data-types.odcs.yaml"));

        assertThat(problems(document)).extracting(ContractProblem::path, ContractProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.domain", "missing required field 'domain'"));

        OutputPortContract contract = ContractParser.parse("domain: examples\n" + document);

        assertThat(contract.flightServer()).isEmpty();
        assertThat(contract.servers()).isEmpty();
        DatasetContract transactions = contract.dataset("transactions_tbl").orElseThrow();
        assertThat(transactions.fields()).extracting(FieldContract::logicalType).containsExactly("string", "date",
                "timestamp", "timestamp", "time", "number", "integer", "boolean", "array", "object");
        assertThat(transactions.primaryKey()).isEmpty();
    }

    private static List<ContractProblem> problems(String document) {
        ContractValidationException exception = catchThrowableOfType(ContractValidationException.class,
                () -> ContractParser.parse(document));
        assertThat(exception).as("expected the contract to be invalid").isNotNull();
        return exception.problems();
    }

    private static Set<ValidationMessage> schemaErrors(String yaml) throws IOException {
        String json = JsonMapper.builder().build().writeValueAsString(YAMLMapper.builder().build().readTree(yaml));
        return odcsSchema().validate(new ObjectMapper().readTree(json));
    }

    private static Path demoContract(String domain) {
        Path contract = DEMO_CONTRACTS.resolve(domain + ".odcs.yaml");
        assertThat(contract).as("demo contract of %s", domain).isRegularFile();
        return contract;
    }

    /** {@code shared/odcs} of the steering repository, found by walking up from this module. */
    private static Path sharedOdcs() {
        for (Path directory = MODULE; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared/odcs");
            if (Files.isRegularFile(candidate.resolve(ODCS_SCHEMA))) {
                return candidate;
            }
        }
        String missing = "shared/odcs/" + ODCS_SCHEMA + " not found in " + MODULE + " or any parent directory:"
                + " these tests need the ODCS JSON Schema and examples of the steering repository next to this one"
                + " (../shared/odcs from the repository root)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(missing + ", which CI always has");
        }
        Assumptions.abort(missing + "; skipped outside CI");
        throw new AssertionError("unreachable");
    }
}
