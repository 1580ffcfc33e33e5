package io.portico.flight.draft;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a draft contract says: the port's identity, where the gateway reaches it, and its tables.
 *
 * @param id           the port's id ({@code <domain>-<dataProduct>})
 * @param domain       the owning domain
 * @param dataProduct  the data product
 * @param flightSqlUrl where the gateway reaches the port ({@code grpc+tcp://host:port})
 * @param dialect      the SQL dialect of the port's database ({@code DUCKDB}, {@code POSTGRES}, {@code H2})
 * @param source       where the tables were read, for the header comment (no credentials)
 * @param tables       the datasets
 */
public record ContractDraft(String id, String domain, String dataProduct, String flightSqlUrl, String dialect,
                            String source, List<DraftTable> tables) {

    /** The version of a first draft. */
    public static final String FIRST_VERSION = "1.0.0";

    public ContractDraft {
        requireNonNull(id, "id is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(dataProduct, "dataProduct is null");
        requireNonNull(flightSqlUrl, "flightSqlUrl is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(source, "source is null");
        tables = List.copyOf(tables);
    }

    /** A draft for {@code tables} of {@code domain}/{@code dataProduct} (both made into names if needed). */
    public static ContractDraft of(String domain, String dataProduct, String flightSqlUrl, String dialect,
                                   String source, List<DraftTable> tables) {
        String domainName = Identifiers.kebab(domain);
        String productName = Identifiers.kebab(dataProduct);
        return new ContractDraft(domainName + "-" + productName, domainName, productName, flightSqlUrl, dialect,
                source, tables);
    }
}
