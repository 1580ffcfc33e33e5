package io.portico.gateway.catalog.web;

import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.security.DemoTokenController;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the catalog web page at {@code /} (and {@code /catalog}), and the few facts about this gateway the page
 * cannot read from GraphQL at {@code /catalog/settings}.
 *
 * <p>The page ({@code static/catalog/index.html} with its vanilla JavaScript modules and stylesheet, served as
 * static resources under {@code /catalog/}) reads everything else from the catalog GraphQL API with the caller's
 * bearer token, like any other client: it holds no data of its own and renders every text through the DOM's
 * {@code textContent}, never as HTML. Page and assets are public; the data is what GraphQL answers the token.
 */
@RestController
public class CatalogPageController {

    static final String PAGE_LOCATION = "static/catalog/index.html";

    private final Resource page = new ClassPathResource(PAGE_LOCATION);
    private final ObjectProvider<FlightSqlEndpoint> flightSql;
    private final ObjectProvider<DemoTokenController> demoTokens;

    public CatalogPageController(ObjectProvider<FlightSqlEndpoint> flightSql,
            ObjectProvider<DemoTokenController> demoTokens) {
        this.flightSql = flightSql;
        this.demoTokens = demoTokens;
    }

    /** The catalog page; not cached, so an upgraded gateway is picked up by a reload. */
    @GetMapping(path = {"/", "/catalog", "/catalog/"}, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> catalog() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(page);
    }

    /**
     * What the page needs to know about this gateway: whether the demo token issuer is present ({@code demo}, so it
     * can offer to sign in as a demo role) and where the gateway's Flight SQL endpoint listens ({@code flightSql}:
     * {@code {"port", "tls"}}, or null when it is not served), for the JDBC snippets. Names no address: the page
     * uses the host it was loaded from.
     */
    @GetMapping(path = "/catalog/settings", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("demo", demoTokens.getIfAvailable() != null);
        FlightSqlEndpoint endpoint = flightSql.getIfAvailable();
        if (endpoint == null || endpoint.port() < 0) {
            settings.put("flightSql", null);
        } else {
            settings.put("flightSql", Map.of("port", endpoint.port(), "tls", endpoint.tls()));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
