package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import io.portico.gateway.http.GraphQlJsonWriter;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.ColumnarResultCollector;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.io.ByteArrayOutputStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * The columnar fast path against graphql-java's plain execution on column types the demo ports do not serve: lists
 * of scalars (fast path), structs (normal path), a null in a required column (fast path: node fields are nullable
 * in GraphQL), and a null in a non-null position, a list element the port declares non-null (normal path, with
 * graphql-java's own error and null propagation). Rows come from a real DuckDB table as Arrow batches, read by the gateway's
 * collector; queries run through the gateway's composed schema, planner, fetchers and strategy
 * ({@link InMemoryDatasetGraphQl}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnarExecutionStrategyTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: lab-gadgets-port
            version: 1.0.0
            status: active
            domain: lab
            dataProduct: gadgets
            servers:
              - server: lab-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: grpc+tcp://127.0.0.1:1
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: gadgets
                physicalName: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: label
                    logicalType: string
                    required: true
                  - name: tags
                    logicalType: array
                  - name: dims
                    logicalType: object
                  - name: price
                    logicalType: number
                  - name: made_on
                    logicalType: date
            """;

    private static final GraphQlJsonWriter WRITER = new GraphQlJsonWriter(JsonMapper.builder().build());

    private BufferAllocator allocator;
    private DuckDBConnection database;
    private InMemoryDatasetGraphQl fast;
    private InMemoryDatasetGraphQl slow;
    private InMemoryDatasetGraphQl nonNullTagsFast;
    private InMemoryDatasetGraphQl nonNullTagsSlow;

    @BeforeAll
    void createTheTableAndBothExecutions() throws Exception {
        allocator = new RootAllocator();
        database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, label VARCHAR, tags VARCHAR[],"
                    + " dims STRUCT(width_cm DOUBLE, height_cm DOUBLE), price DECIMAL(10,2), made_on DATE)");
            statement.execute("INSERT INTO gadgets VALUES"
                    + " (1, 'one', ['red', 'small'], {'width_cm': 2.5, 'height_cm': 4.0}, 9.90, DATE '2024-02-29'),"
                    + " (2, 'two', [], NULL, NULL, NULL),"
                    + " (3, NULL, NULL, {'width_cm': NULL, 'height_cm': 1.0}, 1234.50, DATE '1999-12-31'),"
                    + " (4, 'four', ['x', NULL, 'quote \"'], {'width_cm': 1e-7, 'height_cm': 3.0}, -0.01,"
                    + " DATE '2000-01-01')");
        }
        OutputPortContract contract = ContractParser.parse(CONTRACT);
        Schema liveSchema = schemaOf("SELECT * FROM gadgets");
        fast = InMemoryDatasetGraphQl.create(contract, "gadgets", liveSchema, true);
        slow = InMemoryDatasetGraphQl.create(contract, "gadgets", liveSchema, false);
        Schema nonNullTags = withNonNullTagElements(liveSchema);
        nonNullTagsFast = InMemoryDatasetGraphQl.create(contract, "gadgets", nonNullTags, true);
        nonNullTagsSlow = InMemoryDatasetGraphQl.create(contract, "gadgets", nonNullTags, false);
    }

    /** The live schema of a port that declares the elements of {@code tags} non-null: GraphQL {@code [String!]}. */
    private static Schema withNonNullTagElements(Schema liveSchema) {
        return new Schema(liveSchema.getFields().stream().map(field -> {
            if (!field.getName().equals("tags")) {
                return field;
            }
            Field element = field.getChildren().getFirst();
            return new Field(field.getName(), field.getFieldType(), List.of(new Field(element.getName(),
                    FieldType.notNullable(element.getType()), element.getChildren())));
        }).toList());
    }

    @AfterAll
    void closeEverything() throws SQLException {
        database.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void leafColumnsAndListsOfScalarsTakeTheFastPathAndAnswerWhatGraphQlJavaAnswers() throws Exception {
        long before = fast.columnarLists();

        ExecutionResult result = sameResult("""
                { lab { gadgets(first: 10, orderBy: [{gadgetId: ASC}]) {
                  nodes { gadgetId tags price madeOn __typename }
                  edges { cursor node { t: tags } }
                } } }""", "SELECT gadget_id, tags, price, made_on FROM gadgets ORDER BY gadget_id");

        assertThat(fast.columnarLists() - before).isEqualTo(2);
        assertThat(result.getErrors()).isEmpty();
        Map<String, Object> gadgets = gadgets(result);
        assertThat(gadgets.get("nodes")).isInstanceOf(ColumnarRows.class);
        assertThat(gadgets.get("edges")).isInstanceOf(ColumnarRows.class);
        List<?> nodes = (List<?>) gadgets.get("nodes");
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(0)).isEqualTo(Map.of("gadgetId", 1L, "tags", List.of("red", "small"), "price", "9.90",
                "madeOn", "2024-02-29", "__typename", "LabGadgets"));
        assertThat(((Map<?, ?>) nodes.get(3)).get("tags")).isEqualTo(java.util.Arrays.asList("x", null, "quote \""));
    }

    @Test
    void aStructFieldTakesGraphQlJavasPath() throws Exception {
        long columnar = fast.columnarLists();
        long normal = fast.normalLists();

        ExecutionResult result = sameResult("""
                { lab { gadgets(first: 10, orderBy: [{gadgetId: ASC}]) { nodes { gadgetId dims { widthCm } } } } }""",
                "SELECT gadget_id, dims FROM gadgets ORDER BY gadget_id");

        assertThat(fast.columnarLists()).isEqualTo(columnar);
        assertThat(fast.normalLists() - normal).isEqualTo(1);
        assertThat(result.getErrors()).isEmpty();
        assertThat(gadgets(result).get("nodes")).isNotInstanceOf(ColumnarRows.class);
    }

    @Test
    void aNullInARequiredColumnIsANullAtItsPathOnTheFastPath() throws Exception {
        long columnar = fast.columnarLists();
        long normal = fast.normalLists();

        ExecutionResult result = sameResult("""
                { lab { gadgets(first: 10, orderBy: [{gadgetId: ASC}]) { nodes { gadgetId label } } } }""",
                "SELECT gadget_id, label FROM gadgets ORDER BY gadget_id");

        assertThat(fast.columnarLists() - columnar).isEqualTo(1);
        assertThat(fast.normalLists()).isEqualTo(normal);
        assertThat(result.getErrors()).isEmpty();
        List<?> nodes = (List<?>) gadgets(result).get("nodes");
        assertThat(nodes).hasSize(4);
        Map<?, ?> third = (Map<?, ?>) nodes.get(2);
        assertThat(third.get("gadgetId")).isEqualTo(3L);
        assertThat(third.containsKey("label")).isTrue();
        assertThat(third.get("label")).isNull();
        assertThat(nodes.get(3)).isEqualTo(Map.of("gadgetId", 4L, "label", "four"));
    }

    @Test
    void aNullInANonNullPositionTakesGraphQlJavasPathWithItsErrorAndNullPropagation() throws Exception {
        long columnar = nonNullTagsFast.columnarLists();
        long normal = nonNullTagsFast.normalLists();

        ExecutionResult result = sameResult(nonNullTagsFast, nonNullTagsSlow, """
                { lab { gadgets(first: 10, orderBy: [{gadgetId: ASC}]) { nodes { gadgetId tags } } } }""",
                "SELECT gadget_id, tags FROM gadgets ORDER BY gadget_id");

        assertThat(nonNullTagsFast.columnarLists()).isEqualTo(columnar);
        assertThat(nonNullTagsFast.normalLists() - normal).isEqualTo(1);
        assertThat(result.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getPath()).isEqualTo(List.of("lab", "gadgets", "nodes", 3,
                        "tags", 1)));
        List<?> nodes = (List<?>) gadgets(result).get("nodes");
        assertThat(((Map<?, ?>) nodes.get(3)).get("gadgetId")).isEqualTo(4L);
        assertThat(((Map<?, ?>) nodes.get(3)).get("tags")).isNull();
        assertThat(((Map<?, ?>) nodes.get(0)).get("tags")).isEqualTo(List.of("red", "small"));
    }

    @Test
    void aRequiredColumnWithoutNullsTakesTheFastPath() throws Exception {
        long columnar = fast.columnarLists();

        sameResult("""
                { lab { gadgets(first: 10, where: {label: {isNull: false}}) { nodes { gadgetId label } } } }""",
                "SELECT gadget_id, label FROM gadgets WHERE label IS NOT NULL ORDER BY gadget_id");

        assertThat(fast.columnarLists() - columnar).isEqualTo(1);
    }

    /** Runs the query both ways; asserts equal specification maps and byte-identical JSON; answers the fast one. */
    private ExecutionResult sameResult(String query, String sql) throws Exception {
        return sameResult(fast, slow, query, sql);
    }

    private ExecutionResult sameResult(InMemoryDatasetGraphQl withFastPath, InMemoryDatasetGraphQl withoutFastPath,
            String query, String sql) throws Exception {
        ColumnarResult rows = rows(sql);
        ExecutionResult fastResult = withFastPath.execute(query, Map.of(), rows);
        ExecutionResult slowResult = withoutFastPath.execute(query, Map.of(), rows);

        assertThat(fastResult.toSpecification()).isEqualTo(slowResult.toSpecification());
        assertThat(json(fastResult)).isEqualTo(json(slowResult));
        return fastResult;
    }

    private static String json(ExecutionResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WRITER.write(result.toSpecification(), bytes);
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gadgets(ExecutionResult result) {
        Map<String, Object> data = result.getData();
        return (Map<String, Object>) ((Map<String, Object>) data.get("lab")).get("gadgets");
    }

    private Schema schemaOf(String sql) throws Exception {
        try (Statement statement = database.createStatement();
             DuckDBResultSet resultSet = (DuckDBResultSet) statement.executeQuery(sql);
             ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(allocator, 1024)) {
            return reader.getVectorSchemaRoot().getSchema();
        }
    }

    /** The rows of {@code sql} as the gateway reads a port's Arrow batches (two rows per batch). */
    private ColumnarResult rows(String sql) throws Exception {
        try (Statement statement = database.createStatement();
             DuckDBResultSet resultSet = (DuckDBResultSet) statement.executeQuery(sql);
             ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(allocator, 2)) {
            ColumnarResultCollector collector =
                    new ColumnarResultCollector(reader.getVectorSchemaRoot().getSchema(), 0);
            while (reader.loadNextBatch()) {
                collector.append(reader.getVectorSchemaRoot());
            }
            return collector.result();
        }
    }
}
