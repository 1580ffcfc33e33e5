package io.portico.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random GraphQL queries over the demo's customers (and orders), for the caches' property tests. */
final class GeneratedQueries {

    static final List<String> CUSTOMER_FIELDS = List.of("customerId", "fullName", "email", "phone",
            "birthDate", "region", "segment", "signupDate");
    private static final List<String> OPEN_FIELDS = List.of("customerId", "region", "segment", "signupDate");
    private static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");
    private static final List<String> SEGMENTS = List.of("CONSUMER", "SMB", "ENTERPRISE");

    private GeneratedQueries() {
    }

    /** A customers query (sometimes with orders and their customer) with random fields, filter, order and size. */
    static String customers(Random random) {
        List<String> fields = new ArrayList<>();
        for (String field : CUSTOMER_FIELDS) {
            if (random.nextBoolean()) {
                fields.add(field);
            }
        }
        if (fields.isEmpty()) {
            fields.add("email");
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("first: " + (1 + random.nextInt(40)));
        if (random.nextBoolean()) {
            arguments.add("where: " + where(random));
        }
        if (random.nextBoolean()) {
            arguments.add("orderBy: [{" + OPEN_FIELDS.get(random.nextInt(OPEN_FIELDS.size())) + ": "
                    + (random.nextBoolean() ? "ASC" : "DESC") + "}]");
        }
        String customers = "customers(" + String.join(", ", arguments) + ") { "
                + (random.nextInt(3) == 0 ? "totalCount " : "") + "nodes { " + String.join(" ", fields) + " } }";
        String orders = random.nextInt(3) == 0 ? " sales { orders(first: " + (1 + random.nextInt(8))
                + ") { totalCount nodes { orderId customerId customer { email phone region } } } }" : "";
        return "{ crm { " + customers + " }" + orders + " }";
    }

    private static String where(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "{customerId: {gt: " + random.nextInt(150) + "}}";
            case 1 -> "{region: {in: [\"" + REGIONS.get(random.nextInt(3)) + "\", \"" + REGIONS.get(random.nextInt(3))
                    + "\"]}}";
            case 2 -> "{segment: {eq: \"" + SEGMENTS.get(random.nextInt(3)) + "\"}}";
            default -> "{signupDate: {gte: \"20" + (16 + random.nextInt(9)) + "-01-01\"}}";
        };
    }
}
