package io.portico.gateway.catalog;

import io.portico.flight.testkit.TestPort;

/**
 * An attacker's contract for the catalog page: every text a contract carries (names, descriptions, tags, team,
 * members, SLA, a field name and classification, a relationship's dataset) is HTML that would run script or
 * create an element if a page rendered it as HTML. Each payload sets {@code window.__xss}; the browser test checks
 * that it stays unset and that the text shows as written. Its endpoint is {@link TestPort#NOWHERE}: the catalog
 * lists a product whose port is down.
 */
final class HostileContract {

    /** Markup that must show as text: the page's test looks for it verbatim. */
    static final String NAME = "<img src=x onerror=\"window.__xss='name'\">Mallory's lures";

    private HostileContract() {
    }

    static String yaml() {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: mallory-lures-port
                name: '<img src=x onerror="window.__xss=''name''">Mallory''s lures'
                version: 1.0.0
                status: active
                domain: mallory
                dataProduct: lures
                tags: ['<b onmouseover="window.__xss=''tag''">hover</b>']
                description:
                  purpose: '<script>window.__xss="description"</script> Lures for the catalog page.'
                team:
                  name: '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'
                  members:
                    - username: '"><svg onload="window.__xss=''member''">'
                      role: '<style>body{display:none}</style>'
                servers:
                  - server: mallory-port
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                slaProperties:
                  - property: '<img src=x onerror="window.__xss=''sla''">'
                    value: '1'
                    unit: '<u>s</u>'
                schema:
                  - name: lures
                    description: '<a href="javascript:window.__xss=''link''">click</a>'
                    tags: ['<i>tag</i>']
                    properties:
                      - name: lure_id
                        logicalType: integer
                        primaryKey: true
                        description: '</code></pre><script>window.__xss="field"</script>'
                      - name: '<img src=x onerror="window.__xss=''field name''">'
                        logicalType: string
                        classification: '<script>window.__xss="classification"</script>'
                      - name: customer_id
                        logicalType: integer
                        description: 'Who was lured: <svg onload="window.__xss=''relationship''"/>'
                        relationships:
                          - type: foreignKey
                            to: customers.customer_id
                            customProperties:
                              - property: targetDomain
                                value: crm
                """.formatted(TestPort.NOWHERE);
    }
}
