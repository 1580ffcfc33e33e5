package io.portico.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The GraphiQL page over real HTTP: it is HTML, every script and stylesheet it references is served by the
 * gateway itself, and none of them points at another host (the machines Portico runs on may have no internet).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphiqlPageTest {

    private static final Pattern ASSET_REFERENCE =
            Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void graphiqlAnswersHtmlThatLoadsOnlyLocalAssets() throws Exception {
        HttpResponse<String> page = get("/graphiql");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("text/html"));
        assertThat(page.body()).contains("<div id=\"graphiql\">");

        List<String> assets = assetReferences(page.body());
        assertThat(assets)
                .as("scripts and stylesheets of the page")
                .contains("/graphiql/portico-graphiql.js")
                .anySatisfy(asset -> assertThat(asset).contains("/webjars/graphiql/"))
                .anySatisfy(asset -> assertThat(asset).contains("/webjars/react/"))
                .anySatisfy(asset -> assertThat(asset).contains("/webjars/react-dom/"));
        for (String asset : assets) {
            assertThat(asset).as("asset %s must be a path on this gateway, not another host", asset)
                    .startsWith("/")
                    .doesNotStartWith("//");
            HttpResponse<String> served = get(asset);
            assertThat(served.statusCode()).as("GET %s", asset).isEqualTo(200);
            assertThat(served.body()).as("body of %s", asset).isNotBlank();
        }
    }

    @Test
    void graphiqlWithTrailingSlashIsTheSamePage() throws Exception {
        assertThat(get("/graphiql/").body()).isEqualTo(get("/graphiql").body());
    }

    @Test
    void pageScriptQueriesThisGatewaysGraphqlEndpoint() throws Exception {
        String script = get("/graphiql/portico-graphiql.js").body();

        assertThat(script).contains("new URL('/graphql', window.location.href)");
        assertThat(script).doesNotContain("http://").doesNotContain("https://");
    }

    private static List<String> assetReferences(String html) {
        List<String> references = new ArrayList<>();
        Matcher matcher = ASSET_REFERENCE.matcher(html);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
