package io.portico.gateway;

import io.portico.gateway.port.FlightReadPath;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Portico gateway: one GraphQL API over the Flight SQL output ports of a data mesh.
 *
 * <p>Run it with the JVM flags Arrow needs ({@code --add-opens=java.base/java.nio=ALL-UNNAMED}, and on JDK 24+
 * {@code --sun-misc-unsafe-memory-access=allow}); {@code ./portico demo} does that and starts the embedded demo
 * mesh ({@code --spring.profiles.active=demo}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PorticoApplication {

    public static void main(String[] args) {
        FlightReadPath.useCopyingReads();
        SpringApplication.run(PorticoApplication.class, args);
    }
}
