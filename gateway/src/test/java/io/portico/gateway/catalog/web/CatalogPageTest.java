package io.portico.gateway.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.testing.DemoGatewayTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog page over real HTTP, without a browser ({@code CatalogPageBrowserTest} drives it in one): {@code /}
 * answers the page to anyone (it answered 401 before), every script, module, stylesheet and image it loads is
 * served by the gateway itself, and {@code /catalog/settings} says what the page needs to know.
 */
@DemoGatewayTest
class CatalogPageTest {

    private static final Pattern PAGE_ASSET =
            Pattern.compile("<(?:script|link|img)\\b[^>]*?\\b(?:src|href)=\"([^\"#]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODULE_IMPORT = Pattern.compile("^import\\b[^;]*?from '(\\./[^']+)';",
            Pattern.MULTILINE);

    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private FlightSqlEndpoint flightSql;

    @Test
    void theRootAnswersTheCatalogPageWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<main id=\"main\">").contains("/catalog/catalog.js");
        assertThat(get("/catalog").body()).isEqualTo(page.body());
    }

    @Test
    void everyAssetThePageLoadsIsServedByTheGatewayItself() throws Exception {
        Set<String> assets = new LinkedHashSet<>();
        Matcher references = PAGE_ASSET.matcher(get("/").body());
        while (references.find()) {
            assets.add(references.group(1));
        }
        Deque<String> modules = new ArrayDeque<>(assets.stream().filter(asset -> asset.endsWith(".js")).toList());
        while (!modules.isEmpty()) {
            String module = modules.pop();
            Matcher imports = MODULE_IMPORT.matcher(get(module).body());
            while (imports.find()) {
                String imported = URI.create(module).resolve(imports.group(1)).getPath();
                if (assets.add(imported)) {
                    modules.push(imported);
                }
            }
        }

        assertThat(assets).contains("/catalog/catalog.css", "/catalog/catalog.js", "/catalog/dom.js",
                "/catalog/api.js", "/catalog/graph.js", "/catalog/product.js");
        for (String asset : assets) {
            assertThat(asset).as("asset %s is a path on this gateway", asset).startsWith("/").doesNotStartWith("//");
            HttpResponse<String> served = get(asset);
            assertThat(served.statusCode()).as("GET %s without a token", asset).isEqualTo(200);
            assertThat(served.body()).as("body of %s", asset).isNotBlank();
            assertThat(served.body().replace(SVG_NAMESPACE, "")).as("%s fetches nothing from another host", asset)
                    .doesNotContain("http://").doesNotContain("https://");
        }
    }

    @Test
    void settingsSayTheDemoIssuerIsHereAndWhereFlightSqlListens() throws Exception {
        HttpResponse<String> answer = get("/catalog/settings");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode settings = JsonMapper.builder().build().readTree(answer.body());
        assertThat(settings.path("demo").asBoolean()).isTrue();
        assertThat(settings.at("/flightSql/port").asInt()).isEqualTo(flightSql.port());
        assertThat(settings.at("/flightSql/tls").asBoolean()).isFalse();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
