package io.portico.gateway.catalog;

import java.util.List;

/**
 * One page of a catalog request.
 *
 * @param products        the products of the page, in the catalog's order
 * @param hasNextPage     whether more products follow
 * @param hasPreviousPage whether the page continues from a cursor
 * @param totalCount      how many products match, in all pages
 */
public record CatalogPage(List<DataProduct> products, boolean hasNextPage, boolean hasPreviousPage, long totalCount) {

    public CatalogPage {
        products = List.copyOf(products);
    }

    /** The opaque cursor of a product: pass it as {@code after} to continue after it. */
    public static String cursor(DataProduct product) {
        return CatalogCursor.of(product).encode();
    }

    public String startCursor() {
        return products.isEmpty() ? null : cursor(products.getFirst());
    }

    public String endCursor() {
        return products.isEmpty() ? null : cursor(products.getLast());
    }
}
