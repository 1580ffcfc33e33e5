package io.portico.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContractParserTest {

    /** A valid contract: two datasets, a cross-domain property-level and a local schema-level relationship. */
    static final String VALID = """
            apiVersion: v3.1.0
            kind: DataContract
            id: sales-orders-port
            version: 1.0.0
            status: active
            domain: sales
            dataProduct: orders
            name: Sales orders
            description:
              purpose: Every customer order.
              usage: Revenue reporting.
            tags: [sales, orders]
            servers:
              - server: sales-port
                type: custom
                environment: prod
                customProperties:
                  - property: flightSqlUrl
                    value: grpc+tcp://sales-port:31337
                  - property: sqlDialect
                    value: DUCKDB
            team:
              name: Sales engineering
              members:
                - username: ana@example.com
                  name: Ana
                  role: owner
            slaProperties:
              - property: latency
                value: 2
                unit: s
            schema:
              - name: orders
                description: One row per order.
                tags: [transactional]
                properties:
                  - name: order_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                    classification: public
                  - name: customer_id
                    logicalType: integer
                    relationships:
                      - type: foreignKey
                        to: customers.customer_id
                        customProperties:
                          - property: targetDomain
                            value: crm
                          - property: description
                            value: The customer.
              - name: order_lines
                physicalName: order_line
                properties:
                  - name: order_id
                    logicalType: integer
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: line_number
                    logicalType: integer
                    primaryKey: true
                    primaryKeyPosition: 2
                relationships:
                  - from: order_lines.order_id
                    to: orders.order_id
                    customProperties:
                      - property: cardinality
                        value: many-to-one
            """;

    @Test
    void parsesAValidContractIntoRecords() {
        OutputPortContract contract = ContractParser.parse(VALID);

        assertThat(contract.id()).isEqualTo("sales-orders-port");
        assertThat(contract.version()).isEqualTo("1.0.0");
        assertThat(contract.status()).isEqualTo("active");
        assertThat(contract.domain()).isEqualTo("sales");
        assertThat(contract.dataProduct()).isEqualTo("orders");
        assertThat(contract.name()).isEqualTo("Sales orders");
        assertThat(contract.description()).isEqualTo("Every customer order.");
        assertThat(contract.tags()).containsExactly("sales", "orders");
        assertThat(contract.flightServer()).hasValueSatisfying(server -> {
            assertThat(server.flightSqlUrl()).contains("grpc+tcp://sales-port:31337");
            assertThat(server.sqlDialect()).contains("DUCKDB");
            assertThat(server.environment()).isEqualTo("prod");
        });
        assertThat(contract.team()).isEqualTo(new TeamContract("Sales engineering", null,
                List.of(new TeamContract.TeamMember("ana@example.com", "Ana", "owner"))));
        assertThat(contract.slaProperty("latency")).contains(new SlaProperty("latency", "2", "s", null, null));

        DatasetContract orders = contract.dataset("orders").orElseThrow();
        assertThat(orders.physicalName()).isEqualTo("orders");
        assertThat(orders.description()).isEqualTo("One row per order.");
        assertThat(orders.tags()).containsExactly("transactional");
        assertThat(orders.fields()).containsExactly(
                new FieldContract("order_id", "order_id", "integer", "BIGINT", true, true, 1, "public", List.of(), null),
                new FieldContract("customer_id", "customer_id", "integer", null, false, false, -1, null, List.of(), null));
        assertThat(orders.relationships()).containsExactly(new RelationshipContract("foreignKey", "orders",
                List.of("customer_id"), "crm", "customers", List.of("customer_id"), "many-to-one", "The customer."));

        DatasetContract lines = contract.dataset("order_lines").orElseThrow();
        assertThat(lines.physicalName()).isEqualTo("order_line");
        assertThat(lines.primaryKey()).extracting(FieldContract::name).containsExactly("order_id", "line_number");
        assertThat(lines.relationships()).containsExactly(new RelationshipContract("foreignKey", "order_lines",
                List.of("order_id"), "sales", "orders", List.of("order_id"), "many-to-one", null));
    }

    @Test
    void jsonIsReadLikeYaml() {
        String json = """
                {"apiVersion": "v3.1.0", "kind": "DataContract", "id": "x", "version": "1.0.0", "status": "active",
                 "domain": "sales", "dataProduct": "orders",
                 "schema": [{"name": "orders", "properties": [{"name": "order_id", "logicalType": "integer"}]}]}
                """;

        OutputPortContract contract = ContractParser.parse(json);

        assertThat(contract.dataset("orders").orElseThrow().fields()).extracting(FieldContract::name)
                .containsExactly("order_id");
        assertThat(contract.flightServer()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        String document = VALID.replace("status: active\n", "status: active\nx-vendor: {anything: [1, 2]}\nprice: 3\n")
                .replace("    logicalType: integer\n    physicalType: BIGINT\n",
                        "    logicalType: integer\n    physicalType: BIGINT\n    criticalDataElement: true\n"
                                + "    quality: [{metric: nullValues, mustBe: 0}]\n");

        assertThat(ContractParser.parse(document)).isEqualTo(ContractParser.parse(VALID));
    }

    @Test
    void descriptionIsAStringOrPurposeElseUsage() {
        assertThat(ContractParser.parse(VALID.replace("""
                description:
                  purpose: Every customer order.
                  usage: Revenue reporting.
                """, "description: Plain text.\n")).description()).isEqualTo("Plain text.");
        assertThat(ContractParser.parse(VALID.replace("  purpose: Every customer order.\n", "")).description())
                .isEqualTo("Revenue reporting.");
    }

    @Test
    void deprecatedTeamListIsReadAsMembers() {
        String document = VALID.replace("""
                team:
                  name: Sales engineering
                  members:
                    - username: ana@example.com
                """, """
                team:
                    - username: ana@example.com
                """);

        assertThat(ContractParser.parse(document).team()).isEqualTo(new TeamContract(null, null,
                List.of(new TeamContract.TeamMember("ana@example.com", "Ana", "owner"))));
    }

    @Test
    void customPropertiesBecomeTextValuesInDocumentOrder() {
        String document = VALID.replace("""
                      - property: sqlDialect
                        value: DUCKDB
                """, """
                      - property: sqlDialect
                        value: DUCKDB
                      - property: retries
                        value: 3
                      - property: secure
                        value: false
                      - property: hosts
                        value: [a, b]
                      - property: nothing
                        value:
                """);

        ServerContract server = ContractParser.parse(document).servers().getFirst();

        assertThat(server.customProperties()).containsExactly(
                Map.entry("flightSqlUrl", "grpc+tcp://sales-port:31337"), Map.entry("sqlDialect", "DUCKDB"),
                Map.entry("retries", "3"), Map.entry("secure", "false"), Map.entry("hosts", "[\"a\",\"b\"]"));
    }

    @Test
    void aContractWithoutFlightServerParses() {
        OutputPortContract contract = ContractParser.parse(VALID.replace("""
                    type: custom
                """, """
                    type: postgres
                """).replace("""
                      - property: flightSqlUrl
                        value: grpc+tcp://sales-port:31337
                """, ""));

        assertThat(contract.flightServer()).isEmpty();
        assertThat(contract.servers()).extracting(ServerContract::type).containsExactly("postgres");
    }

    @Test
    void preReleaseVersionsAreSemantic() {
        assertThat(ContractParser.parse(VALID.replace("version: 1.0.0", "version: 2.0.0-rc.1")).version())
                .isEqualTo("2.0.0-rc.1");
    }

    // ---- the document itself

    @Test
    void syntaxErrorNamesLineAndColumn() {
        assertProblem(ContractParser::parse, "apiVersion: v3.1.0\nkind: [DataContract\nid: x\n", "$",
                "not valid YAML or JSON at line 3, column 3: while parsing a flow sequence: expected ',' or ']'",
                "a well-formed YAML or JSON document");
    }

    @Test
    void brokenJsonNamesLineAndColumn() {
        assertProblem(ContractParser::parse, "{\"apiVersion\": \"v3.1.0\",\n \"kind\": \"DataContract\n}", "$",
                "not valid YAML or JSON at line 2, column 8: while scanning a quoted scalar: found unexpected end of stream",
                "a well-formed YAML or JSON document");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "- a\\n- b | a list",
        "just text | a string",
        "42 | an integer",
    })
    void rootMustBeAMapping(String document, String kind) {
        assertProblem(ContractParser::parse, document.replace("\\n", "\n"), "$",
                "the document is " + kind + ", not a mapping", "a mapping (key: value pairs)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n"})
    void emptyDocumentIsAProblem(String document) {
        assertProblem(ContractParser::parse, document, "$", "the document is empty", "a mapping with apiVersion");
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        String document = "[".repeat(ContractParser.MAX_DOCUMENT_CHARS + 1);

        assertProblem(ContractParser::parse, document, "$",
                "the document has " + (ContractParser.MAX_DOCUMENT_CHARS + 1) + " characters, more than the limit of "
                        + ContractParser.MAX_DOCUMENT_CHARS, "a contract of at most");
    }

    @Test
    void deepNestingHitsTheParserLimitClearly() {
        assertProblem(ContractParser::parse, "a: " + "[".repeat(2_000) + "]".repeat(2_000), "$",
                "the document exceeds a parser limit", "a contract of ordinary size and nesting");
    }

    @Test
    void billionLaughsIsRefusedAtTheFirstAlias() {
        StringBuilder document = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char name = 'b'; name <= 'k'; name++) {
            char previous = (char) (name - 1);
            document.append(name).append(": &").append(name).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
        }

        assertProblem(ContractParser::parse, document.toString(), "$.b[0]",
                "YAML alias '*a' at line 2, column 8 is not supported", "the value written out in full");
    }

    @Test
    void moreThanOneDocumentIsAProblem() {
        assertProblem(ContractParser::parse, VALID + "---\nid: other\n", "$",
                "more than one YAML document", "exactly one document per contract");
    }

    @Test
    void duplicateKeysAreProblemsAlongsideOthers() {
        String document = VALID.replace("status: active\n", "status: active\nstatus: retired\n")
                .replace("kind: DataContract", "kind: Contract");

        List<ContractProblem> problems = problems(document);

        assertThat(problems).containsExactly(
                new ContractProblem("$.status", "duplicate key 'status' at line 6, column 1; the first value is used",
                        "each key at most once in a mapping"),
                new ContractProblem("$.kind", "unknown kind 'Contract'", "DataContract"));
    }

    // ---- required fields and types

    @ParameterizedTest
    @ValueSource(strings = {"apiVersion", "kind", "id", "version", "status", "domain", "dataProduct"})
    void missingRequiredFieldIsNamed(String field) {
        String document = VALID.lines().filter(line -> !line.startsWith(field + ":"))
                .reduce("", (text, line) -> text + line + "\n");

        assertProblem(ContractParser::parse, document, "$." + field, "missing required field '" + field + "'", "");
    }

    @Test
    void missingSchemaIsNamed() {
        String document = VALID.substring(0, VALID.indexOf("schema:"));

        assertProblem(ContractParser::parse, document, "$.schema", "missing required field 'schema'",
                "a list of datasets");
    }

    @Test
    void emptyMappingReportsEveryRequiredFieldAtOnce() {
        assertThat(problems("{}")).extracting(ContractProblem::path).containsExactly("$.apiVersion", "$.kind", "$.id",
                "$.version", "$.status", "$.domain", "$.dataProduct", "$.schema");
    }

    @Test
    void emptySchemaListAndDatasetWithoutPropertiesAreProblems() {
        assertProblem(ContractParser::parse, VALID.substring(0, VALID.indexOf("schema:")) + "schema: []\n", "$.schema",
                "the contract publishes no dataset", "a list of datasets (ODCS schema objects), at least one");
        assertProblem(ContractParser::parse, VALID.substring(0, VALID.indexOf("schema:"))
                + "schema:\n  - name: orders\n", "$.schema[0].properties", "missing required field 'properties'",
                "a list of fields (ODCS properties), at least one");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "id: sales-orders-port | id: [a, b] | $.id | wrong type: found a list | a string",
        "tags: [sales, orders] | tags: sales | $.tags | wrong type: found a string | a list of strings",
        "tags: [sales, orders] | tags: [sales, {a: 1}] | $.tags[1] | wrong type: found a mapping | a string",
        "status: active | status: true | $.status | wrong type: found a boolean | a string",
        "version: 1.0.0 | version: 1.0 | $.version | wrong type: found a number | a semantic version",
        "version: 1.0.0 | version: 1 | $.version | wrong type: found an integer | a semantic version",
        "schema: | schema: {name: x}\\nignored: | $.schema | wrong type: found a mapping | a list of datasets",
        "    required: true |    required: 'yes' | $.schema[0].properties[0].required | wrong type: found a string | true or false",
        "    primaryKeyPosition: 2 |    primaryKeyPosition: '2' | $.schema[1].properties[1].primaryKeyPosition | wrong type: found a string | an integer",
        "    primaryKeyPosition: 2 |    primaryKeyPosition: 2.5 | $.schema[1].properties[1].primaryKeyPosition | wrong type: found a number | an integer",
        "  - name: orders |  - name: [orders] | $.schema[0].name | wrong type: found a list | a string",
        "  description: One row per order. | description: [x] | $.schema[0].description | wrong type: found a list | a string or a mapping",
        "team: | team: 5\\nx: | $.team | wrong type: found an integer | a team mapping",
        "    value: 2 | value: {a: 1} | $.slaProperties[0].value | wrong type: found a mapping | a string, number or boolean",
        "servers: | servers: custom\\nx: | $.servers | wrong type: found a string | a list of servers",
    })
    void wrongTypesAreNamed(String original, String replacement, String path, String problem, String expected) {
        String document = replaceFirst(VALID, original, replacement.replace("\\n", "\n"));

        assertProblem(ContractParser::parse, document, path, problem, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "apiVersion: v3.1.0 | apiVersion: v2.2.2 | $.apiVersion | unsupported ODCS version 'v2.2.2' | an ODCS v3 version such as v3.1.0",
        "kind: DataContract | kind: DataProduct | $.kind | unknown kind 'DataProduct' | DataContract",
        "version: 1.0.0 | version: '1.0' | $.version | '1.0' is not a semantic version | a semantic version MAJOR.MINOR.PATCH",
        "version: 1.0.0 | version: v1.0.0 | $.version | 'v1.0.0' is not a semantic version | a semantic version MAJOR.MINOR.PATCH",
        "version: 1.0.0 | version: 01.0.0 | $.version | '01.0.0' is not a semantic version | a semantic version MAJOR.MINOR.PATCH",
        "version: 1.0.0 | version: 2147483648.0.0 | $.version | '2147483648.0.0' has a major version above 2147483647, more than the registry keeps | a semantic version MAJOR.MINOR.PATCH",
        "id: sales-orders-port | id: '  ' | $.id | is empty | a string",
    })
    void badValuesAreNamed(String original, String replacement, String path, String problem, String expected) {
        assertProblem(ContractParser::parse, replaceFirst(VALID, original, replacement), path, problem, expected);
    }

    /** The attack: an id with a line break forged a second line in the gateway's log. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"sales-port\\n2026-12-07 INFO io.portico Registered port admin-port\"",
        "\"sales port\"",
        "\"-leading-dash\"",
        "\"sales\\u0000port\"",
        "\"sales\\u2028port\"",
        "\"sales/../port\"",
        "\"caf\\u00e9\""
    })
    void portIdsAreRestrictedToSafeCharacters(String yamlId) {
        String document = replaceFirst(VALID, "id: sales-orders-port", "id: " + yamlId);

        ContractValidationException exception = catchThrowableOfType(ContractValidationException.class,
                () -> ContractParser.parse(document));

        assertThat(exception).as("expected %s to be refused", yamlId).isNotNull();
        assertThat(exception.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.id");
            assertThat(problem.problem()).endsWith("is not a usable port id");
            assertThat(problem.expected()).startsWith("1 to 128 letters, digits");
            assertThat(problem.problem()).as("the problem itself forges no line").doesNotContain("\n", "\u2028",
                    "\u0000");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"53581432-6c55-4ba2-a65f-72344a91553a", "sales.orders_v2", "urn:acme:sales:orders", "A"})
    void usualPortIdsAreAccepted(String id) {
        assertThat(ContractParser.parse(replaceFirst(VALID, "id: sales-orders-port", "id: '" + id + "'")).id())
                .isEqualTo(id);
    }

    @Test
    void aPortIdOfMoreThan128CharactersIsRefused() {
        String document = replaceFirst(VALID, "id: sales-orders-port", "id: " + "a".repeat(129));

        assertProblem(ContractParser::parse, document, "$.id", "'" + "a".repeat(64) + "...' is not a usable port id",
                "1 to 128");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"domain: sales | $.domain", "dataProduct: orders | $.dataProduct"})
    void domainAndProductNamesHoldNoLineBreaks(String original, String path) {
        String key = original.substring(0, original.indexOf(':'));
        String document = replaceFirst(VALID, original, key + ": \"sales\\nINFO forged\"");

        assertProblem(ContractParser::parse, document, path, "'sales\\u000AINFO forged' contains a control or"
                + " line-break character", "a name without control characters");
    }

    @Test
    void logicalTypeMustBeInTheOdcsEnum() {
        String document = replaceFirst(VALID, "logicalType: integer\n        physicalType: BIGINT",
                "logicalType: strng\n        physicalType: BIGINT");

        assertProblem(ContractParser::parse, document, "$.schema[0].properties[0].logicalType",
                "unknown logical type 'strng'",
                "one of string, integer, number, boolean, date, timestamp, time, object, array");
    }

    // ---- names and keys

    @Test
    void duplicateDatasetNamesAreNamed() {
        String document = VALID.replace("  - name: order_lines\n", "  - name: orders\n")
                .replace("from: order_lines.order_id", "from: orders.order_id");

        assertProblem(ContractParser::parse, document, "$.schema[1].name",
                "duplicate dataset name 'orders' (also at $.schema[0].name)", "a dataset name unique in the contract");
    }

    @Test
    void duplicateFieldNamesAreNamed() {
        String document = VALID.replace("      - name: customer_id\n", "      - name: order_id\n");

        assertProblem(ContractParser::parse, document, "$.schema[0].properties[1].name",
                "duplicate field name 'order_id' (also at $.schema[0].properties[0].name)",
                "a field name unique in the dataset");
    }

    @Test
    void duplicatePrimaryKeyPositionIsNamed() {
        String document = VALID.replace("    primaryKeyPosition: 2\n", "    primaryKeyPosition: 1\n");

        assertProblem(ContractParser::parse, document, "$.schema[1].properties[1].primaryKeyPosition",
                "position 1 is also used by field 'order_id'", "a position from 1 to 2, each used by exactly one");
    }

    @Test
    void missingPrimaryKeyPositionAmongSeveralKeysIsNamed() {
        String document = VALID.replace("\n        primaryKeyPosition: 2", "");

        assertProblem(ContractParser::parse, document, "$.schema[1].properties[1].primaryKeyPosition",
                "missing for field 'line_number', one of 2 primary-key fields", "a position from 1 to 2");
    }

    @Test
    void primaryKeyPositionOutOfRangeIsNamed() {
        String document = VALID.replace("    primaryKeyPosition: 2\n", "    primaryKeyPosition: 3\n");

        assertProblem(ContractParser::parse, document, "$.schema[1].properties[1].primaryKeyPosition",
                "position 3 is outside 1..2", "a position from 1 to 2");
    }

    // ---- relationships

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "customers | 'customers' is not a dataset.field reference",
        "crm.customers.customer_id | 'crm.customers.customer_id' is not a dataset.field reference",
        "schema/customers/properties/customer_id | 'schema/customers/properties/customer_id' is not a dataset.field reference",
    })
    void relationshipReferenceMustBeDatasetDotField(String reference, String problem) {
        String document = VALID.replace("to: customers.customer_id", "to: " + reference);

        assertProblem(ContractParser::parse, document, "$.schema[0].properties[1].relationships[0].to", problem,
                "dataset.field (ODCS shorthand notation)");
    }

    @Test
    void propertyLevelRelationshipMustNotHaveFrom() {
        String document = VALID.replace("to: customers.customer_id",
                "from: orders.customer_id\n            to: customers.customer_id");

        assertProblem(ContractParser::parse, document, "$.schema[0].properties[1].relationships[0].from",
                "a property-level relationship must not set 'from'", "only 'to'");
    }

    @Test
    void schemaLevelRelationshipNeedsAsManyTargetsAsSources() {
        String document = VALID.replace("      - from: order_lines.order_id\n        to: orders.order_id\n",
                "      - from: [order_lines.order_id, order_lines.line_number]\n        to: [orders.order_id]\n");

        assertProblem(ContractParser::parse, document, "$.schema[1].relationships[0].to",
                "1 target(s) for 2 source field(s)", "as many 'to' references as 'from' references");
    }

    @Test
    void schemaLevelRelationshipSourcesBelongToTheDeclaringDataset() {
        String document = VALID.replace("from: order_lines.order_id", "from: orders.order_id");

        assertProblem(ContractParser::parse, document, "$.schema[1].relationships[0].from",
                "'orders.order_id' is not a field of dataset 'order_lines'", "references to fields of the dataset");
    }

    @Test
    void targetOutsideThisContractIsLeftToRegistrationNotRefused() {
        String withoutDomain = VALID.replace("""
                              - property: targetDomain
                                value: crm
                """, "");
        String ownDomain = VALID.replace("value: crm", "value: sales");

        for (String document : List.of(withoutDomain, ownDomain)) {
            OutputPortContract contract = ContractParser.parse(document);
            assertThat(contract.dataset("orders").orElseThrow().relationships())
                    .anySatisfy(relationship -> {
                        assertThat(relationship.targetDomain()).isEqualTo("sales");
                        assertThat(relationship.toDataset()).isEqualTo("customers");
                    });
        }
    }

    @Test
    void localTargetFieldMustExist() {
        String document = VALID.replace("to: orders.order_id", "to: orders.order_number");

        assertProblem(ContractParser::parse, document, "$.schema[1].relationships[0].to",
                "field 'order_number' does not exist in dataset 'orders'", "a field of dataset 'orders'");
    }

    @Test
    void relationshipTypeAndCardinalityAreChecked() {
        assertProblem(ContractParser::parse, VALID.replace("type: foreignKey", "type: primaryKey"),
                "$.schema[0].properties[1].relationships[0].type", "unknown relationship type 'primaryKey'",
                "foreignKey");
        assertProblem(ContractParser::parse, VALID.replace("value: many-to-one", "value: many_to_one"),
                "$.schema[1].relationships[0].customProperties[0].value", "unknown cardinality 'many_to_one'",
                "one of many-to-one, one-to-one, one-to-many, many-to-many");
    }

    // ---- servers

    @Test
    void customServerNeedsAFlightSqlUrl() {
        String document = VALID.replace("""
                      - property: flightSqlUrl
                        value: grpc+tcp://sales-port:31337
                """, "");

        assertProblem(ContractParser::parse, document, "$.servers[0].customProperties",
                "custom server 'sales-port' has no flightSqlUrl", "a customProperty flightSqlUrl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "grpc+tcp://sales port:31337 | 'grpc+tcp://sales port:31337' is not a Flight URI: Illegal character in authority at index 16",
        "http://sales-port:31337 | 'http://sales-port:31337' is not a Flight URI: unknown scheme 'http'",
        "sales-port:31337 | 'sales-port:31337' is not a Flight URI: unknown scheme 'sales-port'",
        "grpc+tcp://sales-port | 'grpc+tcp://sales-port' is not a Flight URI: no port",
    })
    void flightSqlUrlMustBeAFlightUri(String url, String problem) {
        String document = VALID.replace("grpc+tcp://sales-port:31337", url);

        assertProblem(ContractParser::parse, document, "$.servers[0].customProperties[0].value", problem,
                "grpc://, grpc+tcp:// or grpc+tls:// with host and port");
    }

    // ---- all at once

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        String document = VALID.replace("apiVersion: v3.1.0", "apiVersion: v4.0.0")
                .replace("version: 1.0.0", "version: one")
                .replace("logicalType: integer\n        physicalType: BIGINT", "logicalType: int\n        physicalType: BIGINT")
                .replace("to: orders.order_id", "to: orders");

        ContractValidationException exception = catchThrowableOfType(ContractValidationException.class,
                () -> ContractParser.parse(document));

        assertThat(exception.problems()).extracting(ContractProblem::path).containsExactly("$.apiVersion",
                "$.version", "$.schema[0].properties[0].logicalType", "$.schema[1].relationships[0].to");
        assertThat(exception).hasMessageStartingWith("invalid contract: 4 problem(s)")
                .hasMessageContaining("$.version: 'one' is not a semantic version (expected a semantic version");
    }

    static List<ContractProblem> problems(String document) {
        ContractValidationException exception = catchThrowableOfType(ContractValidationException.class,
                () -> ContractParser.parse(document));
        assertThat(exception).as("expected the contract to be invalid").isNotNull();
        return exception.problems();
    }

    /** Asserts the document has exactly one problem, at {@code path}, whose texts start with the given ones. */
    static void assertProblem(java.util.function.Function<String, OutputPortContract> parser, String document,
            String path, String problem, String expected) {
        assertThatThrownBy(() -> parser.apply(document))
                .isInstanceOfSatisfying(ContractValidationException.class, exception -> {
                    assertThat(exception.problems()).as(exception.getMessage()).hasSize(1);
                    ContractProblem only = exception.problems().getFirst();
                    assertThat(only.path()).isEqualTo(path);
                    assertThat(only.problem()).startsWith(problem);
                    assertThat(only.expected()).startsWith(expected);
                });
    }

    private static String replaceFirst(String text, String original, String replacement) {
        int index = text.indexOf(original);
        assertThat(index).as("'%s' in the test contract", original).isNotNegative();
        return text.substring(0, index) + replacement + text.substring(index + original.length());
    }
}
