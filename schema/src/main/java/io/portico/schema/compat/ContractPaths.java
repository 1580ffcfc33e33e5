package io.portico.schema.compat;

/** Contract paths by name, as {@link ContractChange#path()} gives them: {@code $.schema[orders].properties[total_amount]}. */
final class ContractPaths {

    private ContractPaths() {
    }

    static String dataset(String dataset) {
        return "$.schema[" + dataset + "]";
    }

    static String field(String dataset, String field) {
        return dataset(dataset) + ".properties[" + field + "]";
    }
}
