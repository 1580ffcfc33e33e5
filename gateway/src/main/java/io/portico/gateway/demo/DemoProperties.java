package io.portico.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo mesh, under {@code portico.demo}.
 *
 * @param enabled start the three demo ports (sales, crm, logistics) in this JVM and register them
 * @param seed    seed of the generated demo data; the same seed gives the same rows
 * @param scale   size of the demo data: 1.0 is 200,000 orders, 20,000 customers and their shipments
 * @param dataDir where the demo keeps what must survive a restart (the demo token issuer's key), relative to
 *                the working directory unless absolute
 */
@ConfigurationProperties("portico.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("42") long seed,
        @DefaultValue("1.0") double scale,
        @DefaultValue(".portico/demo") Path dataDir) {

    public DemoProperties {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("portico.demo.scale must be positive, was " + scale);
        }
        requireNonNull(dataDir, "portico.demo.data-dir is null");
    }
}

