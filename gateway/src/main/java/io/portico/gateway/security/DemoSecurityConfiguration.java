package io.portico.gateway.security;

import io.portico.gateway.demo.DemoProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo token issuer (its endpoint is {@link DemoTokenController}), only when {@code portico.demo.enabled=true}
 * (the {@code demo} profile sets it). Never outside the demo: anyone on the machine can mint any token with it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portico.demo.enabled", havingValue = "true")
public class DemoSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSecurityConfiguration.class);

    @Bean
    public DemoTokenIssuer demoTokenIssuer(DemoProperties demo, ObjectProvider<Clock> clock) {
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(demo.dataDir(),
                clock.getIfUnique(Clock::systemUTC));
        LOG.warn("Demo token issuer '{}' is trusted (key {}); POST {} mints tokens for callers on this machine."
                + " Demo only.", DemoTokenIssuer.ISSUER, issuer.keyFile().toAbsolutePath().normalize(),
                DemoTokenController.PATH);
        return issuer;
    }
}
