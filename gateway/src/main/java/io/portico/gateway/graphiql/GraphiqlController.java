package io.portico.gateway.graphiql;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the GraphiQL page at {@code /graphiql}.
 *
 * <p>The page ({@code static/graphiql/index.html}) loads GraphiQL and React from the WebJars on the
 * gateway's own classpath under {@code /webjars/**} and points GraphiQL at {@code /graphql}, so a browser
 * fetches nothing from another host. spring-graphql's and DGS's built-in GraphiQL pages are switched off in
 * {@code application.yml}; this is the only one.
 */
@RestController
public class GraphiqlController {

    static final String PAGE_LOCATION = "static/graphiql/index.html";

    private final Resource page = new ClassPathResource(PAGE_LOCATION);

    /** Answers the GraphiQL page; not cached, so an upgraded gateway is picked up by a reload. */
    @GetMapping(path = {"/graphiql", "/graphiql/"}, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> graphiql() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(page);
    }
}
