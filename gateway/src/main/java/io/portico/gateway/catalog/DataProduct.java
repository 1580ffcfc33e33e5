package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.SlaProperty;
import io.portico.schema.contract.TeamContract;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the catalog: an output port at one major version, as its contract describes it and as this gateway
 * serves it. The GraphQL type {@code DataProduct} reads these components; its {@code history} is fetched on demand
 * ({@link DataProductCatalog#history}).
 *
 * @param id           the product's URN ({@link io.portico.schema.compose.Urns#product})
 * @param portId       the contract id
 * @param domain       the owning domain
 * @param name         the contract's name, or the data product's when it has none
 * @param dataProduct  the data product (ODCS {@code dataProduct})
 * @param description  may be null
 * @param version      the contract's semantic version
 * @param majorVersion its major part
 * @param status       the contract's ODCS status; may be null
 * @param served       whether its datasets are in this gateway's GraphQL schema
 * @param team         may be null
 * @param tags         the contract's tags
 * @param datasets     in contract order
 * @param relationships every relationship of every dataset, in contract order
 * @param sla          the contract's SLA properties
 * @param endpoint     where it is served from and whether that answers
 * @param source       where the registration comes from
 * @param registeredAt when the registration committed (REGISTRY) or this gateway registered it (LOCAL)
 * @param registeredBy who registered it; {@code configuration} for a LOCAL port
 */
public record DataProduct(
        String id,
        String portId,
        String domain,
        String name,
        String dataProduct,
        String description,
        String version,
        int majorVersion,
        String status,
        boolean served,
        TeamContract team,
        List<String> tags,
        List<CatalogDataset> datasets,
        List<CatalogRelationship> relationships,
        List<SlaProperty> sla,
        CatalogEndpoint endpoint,
        RegistrationSource source,
        Instant registeredAt,
        String registeredBy) {

    public DataProduct {
        requireNonNull(id, "id is null");
        requireNonNull(portId, "portId is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(name, "name is null");
        requireNonNull(dataProduct, "dataProduct is null");
        requireNonNull(version, "version is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(source, "source is null");
        requireNonNull(registeredAt, "registeredAt is null");
        requireNonNull(registeredBy, "registeredBy is null");
        tags = List.copyOf(tags);
        datasets = List.copyOf(datasets);
        relationships = List.copyOf(relationships);
        sla = List.copyOf(sla);
    }

    /** A copy with other relationships (resolved against the whole catalog). */
    DataProduct withRelationships(List<CatalogRelationship> resolved) {
        return new DataProduct(id, portId, domain, name, dataProduct, description, version, majorVersion, status,
                served, team, tags, datasets, resolved, sla, endpoint, source, registeredAt, registeredBy);
    }
}
