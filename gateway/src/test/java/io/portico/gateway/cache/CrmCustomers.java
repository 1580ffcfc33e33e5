package io.portico.gateway.cache;

import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The demo's crm customers as the cache tests change and read them: at the port's database, and in answers. */
final class CrmCustomers {

    private CrmCustomers() {
    }

    /** Runs {@code sql} on the crm port's own database (behind the gateway's back, as a domain's pipeline does). */
    static void execute(DemoMesh mesh, String sql) throws SQLException {
        try (Statement statement = mesh.port(DemoDomain.CRM).database().createStatement()) {
            statement.execute(sql);
        }
    }

    /** The segment of the first customer of an answer to {@code crm { customers { nodes { segment } } } }. */
    static String segmentOf(JsonNode response) {
        return response.path("data").path("crm").path("customers").path("nodes").path(0).path("segment").asString();
    }

    /** The error codes of an answer, in order. */
    static List<String> codes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("errors").forEach(error -> codes.add(error.path("extensions").path("code").asString()));
        return codes;
    }
}
