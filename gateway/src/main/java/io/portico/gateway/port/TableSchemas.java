package io.portico.gateway.port;

import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Finding a contract's table among the schemas a port reported ({@link FlightPortClient#fetchSchemas(String,
 * java.util.Collection)}), which are keyed by the name the port lists each table under.
 */
public final class TableSchemas {

    private TableSchemas() {
    }

    /** The schema of {@code table}: under that exact name, else under a name that differs only in letter case. */
    public static Optional<Schema> find(Map<String, Schema> schemas, String table) {
        Schema exact = schemas.get(table);
        if (exact != null) {
            return Optional.of(exact);
        }
        return schemas.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(table))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
