package io.portico.benchmarks.scale;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.SchemaNames;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated data product: one output port contract publishing one dataset (one table of the shared port).
 *
 * @param index       0-based position in registration order
 * @param domain      e.g. {@code domain07}
 * @param dataProduct e.g. {@code product13}
 * @param dataset     e.g. {@code dataset13} (unique within the domain)
 * @param table       the port's table, e.g. {@code domain07_dataset13} (unique within the port)
 * @param portId      the contract id, e.g. {@code domain07-product13}
 */
record GeneratedProduct(int index, String domain, String dataProduct, String dataset, String table, String portId) {

    GeneratedProduct {
        requireNonNull(domain, "domain is null");
        requireNonNull(dataProduct, "dataProduct is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(table, "table is null");
        requireNonNull(portId, "portId is null");
    }

    /**
     * {@code count} products, {@code perDomain} to a domain: products 0..perDomain-1 are {@code domain01}'s, and so
     * on, so 1,000 products at 20 a domain are 50 domains x 20 products.
     */
    static List<GeneratedProduct> generate(int count, int perDomain) {
        int domains = (count + perDomain - 1) / perDomain;
        String domainFormat = "domain%0" + Math.max(2, Integer.toString(domains).length()) + "d";
        String productFormat = "%0" + Math.max(2, Integer.toString(perDomain).length()) + "d";
        List<GeneratedProduct> products = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            String domain = domainFormat.formatted(index / perDomain + 1);
            String number = productFormat.formatted(index % perDomain + 1);
            products.add(new GeneratedProduct(index, domain, "product" + number, "dataset" + number,
                    domain + "_dataset" + number, domain + "-product" + number));
        }
        return products;
    }

    /** The domain's root field in the unified schema. */
    String domainField() {
        return SchemaNames.fieldName(domain);
    }

    /** The dataset's field in its domain type. */
    String datasetField() {
        return SchemaNames.fieldName(dataset);
    }

    /** The dataset's node type, e.g. {@code Domain07Dataset13}. */
    String nodeType() {
        return SchemaNames.nodeType(domainField(), datasetField());
    }

    /** A query of the first {@code rows} rows of the dataset, ordered by key, with six columns of mixed types. */
    String smallQuery(int rows) {
        return "{ " + domainField() + " { " + datasetField() + "(first: " + rows + ", orderBy: [{"
                + SchemaNames.fieldName("record_id") + ": ASC}]) { nodes { " + String.join(" ",
                        List.of("record_id", "customer_name", "unit_price", "is_active", "event_date", "created_at")
                                .stream().map(SchemaNames::fieldName).toList())
                + " } } } }";
    }

    /** The response path of the connection that {@link #smallQuery} answers. */
    List<String> connectionPath() {
        return List.of("data", domainField(), datasetField());
    }
}
