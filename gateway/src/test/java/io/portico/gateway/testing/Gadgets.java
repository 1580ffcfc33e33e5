package io.portico.gateway.testing;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.ContractBuilder.Column;
import io.portico.flight.testkit.ContractBuilder.Dataset;
import io.portico.flight.testkit.TestPort;
import java.sql.SQLException;
import java.util.List;

/**
 * The tests' sample data product {@code gadgets}: its tables at a test port and its datasets as contract YAML
 * ({@code schema[]} entries for {@link ContractBuilder#dataset(String)}; tests append them to documents or edit them
 * as text).
 */
public final class Gadgets {

    /** The gadgets dataset as most tests publish it: id, name, price. */
    public static final String GADGETS = """
              - name: gadgets
                physicalName: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                  - name: name
                    logicalType: string
                    required: true
                  - name: price
                    logicalType: number
                    physicalType: DECIMAL(10,2)
            """;

    /** Every column of gadgets. */
    public static final String GADGETS_ALL = GADGETS + """
                  - name: launched
                    logicalType: date
                  - name: sold_at
                    logicalType: timestamp
                  - name: tags
                    logicalType: array
                  - name: specs
                    logicalType: object
            """;

    public static final String PARTS = """
              - name: parts
                physicalName: parts
                properties:
                  - name: part_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                  - name: gadget_id
                    logicalType: integer
                  - name: label
                    logicalType: string
            """;

    /**
     * Two tables: {@code gadgets} (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, price DECIMAL(10,2),
     * launched DATE, sold_at TIMESTAMP, tags VARCHAR[], specs STRUCT(weight DOUBLE, color VARCHAR)) with three rows,
     * and {@code parts} (part_id INTEGER NOT NULL, gadget_id BIGINT, label VARCHAR) with two.
     */
    public static final String[] WORKSHOP_TABLES = {
        "CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL,"
                + " price DECIMAL(10,2), launched DATE, sold_at TIMESTAMP, tags VARCHAR[],"
                + " specs STRUCT(weight DOUBLE, color VARCHAR))",
        "INSERT INTO gadgets VALUES"
                + " (1, 'lamp', 9.90, DATE '2024-01-02', TIMESTAMP '2024-02-01 10:00:00', ['home'], {'weight': 1.5, 'color': 'red'}),"
                + " (2, 'kettle', 24.50, DATE '2024-03-04', NULL, ['kitchen', 'home'], NULL),"
                + " (3, 'fan', NULL, NULL, NULL, [], NULL)",
        "CREATE TABLE parts (part_id INTEGER NOT NULL, gadget_id BIGINT, label VARCHAR)",
        "INSERT INTO parts VALUES (10, 1, 'bulb'), (11, 2, 'lid')"
    };

    /** The {@code gadgets} table of a lab port: gadget_id, name, price; three rows. */
    public static final String[] LAB_TABLES = {
        "CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, price DECIMAL(10,2))",
        "INSERT INTO gadgets VALUES (1, 'lamp', 9.90), (2, 'kettle', 24.50), (3, 'fan', NULL)"
    };

    private Gadgets() {
    }

    /**
     * A contract of the gadgets product ({@code dataProduct: gadgets}, server {@code workshop}, dialect DuckDB) with
     * no datasets yet.
     */
    public static ContractBuilder contract(String id, String domain, String version, String url) {
        return ContractBuilder.contract(id).domain(domain).version(version).dataProduct("gadgets")
                .server("workshop").url(url);
    }

    /** A contract of the gadgets dataset (id, name, price) at {@code url}, as YAML. */
    public static String document(String id, String domain, String version, String url) {
        return contract(id, domain, version, url).dataset(GADGETS).yaml();
    }

    /**
     * A port of {@code domain} over {@link #WORKSHOP_TABLES} publishing all of gadgets and parts: it accepts the
     * credential a test gateway presents to that domain's ports, and it states that domain when asked.
     */
    public static TestPort workshopPort(String domain) throws SQLException {
        return workshopPort(domain, TestPortCredentials.testPort());
    }

    /** Like {@link #workshopPort(String)}, started from {@code port} (e.g. accepting other credentials). */
    public static TestPort workshopPort(String domain, TestPort.Builder port) throws SQLException {
        return port.setup(WORKSHOP_TABLES)
                .contract(contract("workshop-port", domain, "1.0.0", TestPort.URL).dataset(GADGETS_ALL).dataset(PARTS))
                .start();
    }

    /**
     * A registry test's contract of the {@code gadgets} dataset ({@code gadget_id}, {@code name}, and {@code price}
     * when asked), server {@code lab-port}.
     *
     * @param id        the port id
     * @param domain    the domain (a root field of the GraphQL schema)
     * @param version   the semantic version
     * @param url       the port's Flight SQL URL
     * @param withPrice whether the contract publishes the {@code price} field
     */
    public static String labDocument(String id, String domain, String version, String url, boolean withPrice) {
        Dataset gadgets = Dataset.named("gadgets")
                .column(Column.of("gadget_id", "integer").primaryKey())
                .column(Column.of("name", "string").required());
        if (withPrice) {
            gadgets.column(Column.of("price", "number"));
        }
        return ContractBuilder.contract(id).domain(domain).version(version).dataProduct("gadgets").server("lab-port")
                .url(url).dataset(gadgets).yaml();
    }

    /** A lab contract of gadgets without price at {@link TestPort#NOWHERE}, for tests of the store alone. */
    public static String labDocument(String id, String domain, String version) {
        return labDocument(id, domain, version, TestPort.NOWHERE, false);
    }

    /** A port of domain {@code lab} over {@link #LAB_TABLES}: it accepts that domain's port credential only. */
    public static TestPort labPort() throws SQLException {
        return labPort(List.of("lab"));
    }

    /**
     * A port over {@link #LAB_TABLES} accepting the port credentials of several domains: for registry tests that
     * publish its table under several domains without endpoint ownership (which the registration API adds; it
     * states {@code lab} alone).
     */
    public static TestPort labPort(List<String> domains) throws SQLException {
        return TestPort.builder().setup(LAB_TABLES)
                .contract(labDocument("lab-gadgets-port", "lab", "1.0.0", TestPort.NOWHERE, true))
                .accepting(AcceptedCredentials.of(domains.stream().map(TestPortCredentials::credentialOf).toList()))
                .start();
    }
}
