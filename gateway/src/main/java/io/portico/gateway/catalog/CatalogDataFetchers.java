package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.portico.gateway.security.CurrentSubject;
import io.portico.schema.contract.TeamContract;
import java.util.List;
import java.util.function.Function;

/**
 * The fetchers of the catalog's part of the schema ({@code portico-graphql/catalog.graphqls}): the two root
 * fields, the connection, edge and page-info fields of a page, a product's history and a field's GraphQL type.
 * Every other catalog field is read from the {@link DataProduct} records by graphql-java's property fetcher, except
 * what anonymous callers are not shown ({@link #forAuthenticated}): a port's address, who registered or ended a
 * version, a team's members (contacts), and the details of an endpoint's health.
 *
 * <p>Registered with DGS as an extra code registry, so it applies to every schema the gateway installs.
 */
@DgsComponent
public class CatalogDataFetchers {

    private static final String QUERY = "Query";
    private static final String CONNECTION = "DataProductConnection";
    private static final String EDGE = "DataProductEdge";
    private static final String PAGE_INFO = "CatalogPageInfo";
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final DataProductCatalog catalog;

    public CatalogDataFetchers(DataProductCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder catalogFetchers(GraphQLCodeRegistry.Builder code,
            TypeDefinitionRegistry typeDefinitions) {
        code.dataFetcher(FieldCoordinates.coordinates(QUERY, "dataProducts"), (DataFetcher<CatalogPage>) this::page);
        code.dataFetcher(FieldCoordinates.coordinates(QUERY, "dataProduct"),
                (DataFetcher<DataProduct>) environment -> catalog.find(environment.getArgument("id")).orElse(null));

        code.dataFetcher(FieldCoordinates.coordinates(CONNECTION, "nodes"), fromPage(CatalogPage::products));
        code.dataFetcher(FieldCoordinates.coordinates(CONNECTION, "edges"), fromPage(page -> page.products().stream()
                .map(product -> new Edge(CatalogPage.cursor(product), product))
                .toList()));
        code.dataFetcher(FieldCoordinates.coordinates(CONNECTION, "pageInfo"), fromPage(page -> page));
        code.dataFetcher(FieldCoordinates.coordinates(CONNECTION, "totalCount"), fromPage(CatalogPage::totalCount));

        code.dataFetcher(FieldCoordinates.coordinates(EDGE, "cursor"),
                (DataFetcher<String>) environment -> ((Edge) environment.getSource()).cursor());
        code.dataFetcher(FieldCoordinates.coordinates(EDGE, "node"),
                (DataFetcher<DataProduct>) environment -> ((Edge) environment.getSource()).node());

        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "hasNextPage"), fromPage(CatalogPage::hasNextPage));
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "hasPreviousPage"),
                fromPage(CatalogPage::hasPreviousPage));
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "startCursor"), fromPage(CatalogPage::startCursor));
        code.dataFetcher(FieldCoordinates.coordinates(PAGE_INFO, "endCursor"), fromPage(CatalogPage::endCursor));

        code.dataFetcher(FieldCoordinates.coordinates("DataProduct", "history"),
                (DataFetcher<List<ContractVersion>>) environment -> catalog.history(environment.getSource()));
        code.dataFetcher(FieldCoordinates.coordinates("CatalogField", "graphQLType"),
                (DataFetcher<String>) CatalogDataFetchers::graphQLType);

        code.dataFetcher(FieldCoordinates.coordinates("CatalogEndpoint", "url"),
                forAuthenticated((CatalogEndpoint endpoint) -> endpoint.url()));
        code.dataFetcher(FieldCoordinates.coordinates("DataProduct", "registeredBy"),
                forAuthenticated((DataProduct product) -> product.registeredBy()));
        code.dataFetcher(FieldCoordinates.coordinates("ContractVersion", "registeredBy"),
                forAuthenticated((ContractVersion version) -> version.registeredBy()));
        code.dataFetcher(FieldCoordinates.coordinates("ContractVersion", "endedBy"),
                forAuthenticated((ContractVersion version) -> version.endedBy()));
        code.dataFetcher(FieldCoordinates.coordinates("CatalogTeam", "members"),
                forAuthenticated((TeamContract team) -> team.members()));
        code.dataFetcher(FieldCoordinates.coordinates("CatalogHealth", "message"),
                (DataFetcher<String>) environment -> {
                    EndpointHealth health = environment.getSource();
                    return CurrentSubject.of(environment).isAnonymous() ? health.state().summary() : health.message();
                });
        return code;
    }

    /**
     * A field that answers null to anonymous callers (no token): what a caller without credentials may not learn
     * about a port, its address and the people behind it. Any authenticated subject sees it.
     */
    private static <S, T> DataFetcher<T> forAuthenticated(Function<S, T> read) {
        return environment -> CurrentSubject.of(environment).isAnonymous() ? null : read.apply(environment.getSource());
    }

    private CatalogPage page(DataFetchingEnvironment environment) {
        CatalogQuery query = new CatalogQuery(environment.getArgument("search"), environment.getArgument("domain"),
                environment.getArgument("tag"), environment.getArgument("classification"));
        Integer first = environment.getArgument("first");
        return catalog.search(query, first == null ? DEFAULT_PAGE_SIZE : first, environment.getArgument("after"));
    }

    /** The field's type in the schema this request runs on, e.g. {@code Long}; null when it is not there. */
    private static String graphQLType(DataFetchingEnvironment environment) {
        CatalogField field = environment.getSource();
        if (field.servedIn() == null) {
            return null;
        }
        GraphQLObjectType owner = environment.getGraphQLSchema().getObjectType(field.servedIn());
        GraphQLFieldDefinition definition = owner == null ? null : owner.getFieldDefinition(field.graphQLName());
        return definition == null ? null : GraphQLTypeUtil.simplePrint(definition.getType());
    }

    private static <T> DataFetcher<T> fromPage(Function<CatalogPage, T> read) {
        return environment -> read.apply(environment.getSource());
    }

    /**
     * One edge of a page.
     *
     * @param cursor the product's cursor
     * @param node   the product
     */
    record Edge(String cursor, DataProduct node) {
    }
}
