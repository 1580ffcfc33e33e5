package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /graphql/schema.graphql} over real HTTP against the demo mesh: the SDL a code generator reads, the same
 * schema introspection describes, the same bytes for every caller, revalidated by its {@code ETag}.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaDownloadEndToEndTest {

    private static final String INTROSPECTION = """
            query { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { kind name
                fields(includeDeprecated: true) { name args { name type { ...T } defaultValue } type { ...T }
                  isDeprecated deprecationReason }
                inputFields { name type { ...T } defaultValue }
                interfaces { ...T } enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
                possibleTypes { ...T } }
              directives { name locations args { name type { ...T } defaultValue } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
              ofType { kind name ofType { kind name } } } } } }""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int httpPort;

    GraphQlClient graphQl;

    @BeforeAll
    void connect() {
        graphQl = new GraphQlClient(httpPort);
    }

    @Test
    void servesTheSchemaAsSdlThatBuildsOnItsOwn() {
        HttpResponse<String> answer = download(Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(answer.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag)
                .matches("\"[A-Za-z0-9_-]{43}\""));
        TypeDefinitionRegistry types = new SchemaParser().parse(answer.body());
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        assertThat(schema.getQueryType().getFieldDefinition("sales")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("crm")).isNotNull();
        assertThat(answer.body()).doesNotContain("__Schema").doesNotContain("directive @skip")
                .doesNotContain("directive @include").doesNotContain("directive @deprecated");
    }

    @Test
    void describesTheSameTypesAndFieldsAsIntrospection() {
        GraphQLSchema downloaded = UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(download(Map.of()).body()));
        @SuppressWarnings("unchecked")
        Map<String, Object> introspected = JsonMapper.builder().build()
                .convertValue(graphQl.data(INTROSPECTION), Map.class);
        GraphQLSchema introspection = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser()
                .buildRegistry(new IntrospectionResultToSchema().createSchemaDefinition(introspected)));

        assertThat(fields(downloaded)).isEqualTo(fields(introspection)).isNotEmpty();
    }

    @Test
    void everyCallerGetsTheSameBytes() {
        HttpResponse<String> anonymous = download(Map.of());
        HttpResponse<String> steward = download(Map.of("Authorization",
                "Bearer " + graphQl.demoToken("stella", "steward", Map.of())));
        HttpResponse<String> analyst = download(Map.of("Authorization",
                "Bearer " + graphQl.demoToken("ada", "analyst", Map.of())));

        assertThat(steward.body()).isEqualTo(anonymous.body());
        assertThat(analyst.body()).isEqualTo(anonymous.body());
        assertThat(steward.headers().firstValue("ETag")).isEqualTo(anonymous.headers().firstValue("ETag"));
    }

    @Test
    void aClientHoldingTheSchemaIsAnswered304() {
        String tag = download(Map.of()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revalidated = download(Map.of("If-None-Match", tag));

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(tag);
        assertThat(download(Map.of("If-None-Match", "\"another\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidTokenIsRefusedAsEverywhere() {
        assertThat(download(Map.of("Authorization", "Bearer not-a-token")).statusCode()).isEqualTo(401);
    }

    /** Object type name -> its field names, over every non-introspection object type. */
    private static Map<String, Set<String>> fields(GraphQLSchema schema) {
        return schema.getAllTypesAsList().stream()
                .filter(type -> type instanceof GraphQLObjectType && !type.getName().startsWith("__"))
                .map(GraphQLObjectType.class::cast)
                .collect(Collectors.toMap(GraphQLObjectType::getName, type -> type.getFieldDefinitions().stream()
                        .map(field -> field.getName()).collect(Collectors.toCollection(TreeSet::new))));
    }

    private HttpResponse<String> download(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/graphql/schema.graphql")).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
