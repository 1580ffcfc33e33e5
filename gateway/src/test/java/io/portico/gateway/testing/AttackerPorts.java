package io.portico.gateway.testing;

import io.portico.flight.testkit.TestPort;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ports a restricted user publishes to join their own tables of candidate values onto the demo's protected fields,
 * as the red team did: real Flight SQL ports ({@link TestPort}) and their contracts, in domain {@code sales}.
 */
public final class AttackerPorts {

    /** The port id of {@link #calendar}. */
    public static final String CALENDAR_ID = "sales-calendar-port";

    /**
     * {@code sales.days}: every date from 1930 to 2010, {@code day} (its key) a foreign key to
     * {@code crm.customers.birth_date} (restricted); {@code sales.mailings}: candidate emails, {@code email} a
     * foreign key to {@code crm.customers.email} (confidential, masked).
     */
    public static final String CALENDAR = """
            apiVersion: v3.1.0
            kind: DataContract
            id: sales-calendar-port
            version: 1.0.0
            status: active
            domain: sales
            dataProduct: calendar
            servers:
              - server: calendar
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: days
                physicalName: days
                properties:
                  - name: day
                    logicalType: date
                    physicalType: DATE
                    required: true
                    primaryKey: true
                    relationships:
                      - type: foreignKey
                        to: customers.birth_date
                        customProperties:
                          - property: targetDomain
                            value: crm
              - name: mailings
                physicalName: mailings
                properties:
                  - name: mailing_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                  - name: email
                    logicalType: string
                    relationships:
                      - type: foreignKey
                        to: customers.email
                        customProperties:
                          - property: targetDomain
                            value: crm
            """;

    private AttackerPorts() {
    }

    /** The calendar port, its mailings the candidate emails (each once, after a made-up one). */
    public static TestPort calendar(Collection<String> candidateEmails) throws SQLException {
        List<String> mailings = new ArrayList<>();
        for (String email : candidateEmails) {
            mailings.add("(" + (mailings.size() + 1) + ", 'guess" + mailings.size() + "@example.org')");
            mailings.add("(" + (mailings.size() + 1) + ", " + literal(email) + ")");
        }
        return TestPortCredentials.startPort(CALENDAR,
                "CREATE TABLE days (day DATE PRIMARY KEY)",
                "INSERT INTO days SELECT CAST(range AS DATE) FROM range(TIMESTAMP '1930-01-01', TIMESTAMP"
                        + " '2011-01-01', INTERVAL 1 DAY)",
                "CREATE TABLE mailings (mailing_id BIGINT PRIMARY KEY, email VARCHAR)",
                mailings.isEmpty() ? "SELECT 1" : "INSERT INTO mailings VALUES " + String.join(", ", mailings));
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
