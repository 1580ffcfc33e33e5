package io.portico.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.cache.ResultCache;
import io.portico.gateway.config.FixedDelayPoll;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.resilience.PortResilience;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Portico's own meters (docs/operations.md#metrics): the request meters every audit event updates, and the per-port
 * series kept in line with the registry by a poll on its own thread.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsConfiguration.class);

    @Bean
    public RequestMeters requestMeters(MeterRegistry registry, MetricsProperties properties) {
        return new RequestMeters(registry, properties);
    }

    @Bean
    public PortSeriesPoll portSeriesPoll(MeterRegistry meters, MetricsProperties properties,
            ObjectProvider<PortRegistry> registry, ObjectProvider<PortResilience> resilience,
            ObjectProvider<ResultCache> cache) {
        PortSeries series = new PortSeries(meters, () -> registry.getObject().statuses(), portId -> {
            resilience.ifAvailable(guard -> guard.forget(portId));
            cache.ifAvailable(results -> results.forget(portId));
        });
        return new PortSeriesPoll(series, new FixedDelayPoll("port-series", properties.portsPollInterval(),
                series::update, LOG, "could not update the per-port series: {}; retried every {}",
                () -> "the per-port series are updated again"));
    }

    /**
     * Runs the poll while the application runs. The series are updated once when it starts (after the registry,
     * which starts in an earlier phase), so every registered port has its {@code portico_port_up} from the first
     * scrape on, not only after the first poll interval.
     */
    public static final class PortSeriesPoll implements SmartLifecycle {

        private final PortSeries series;
        private final FixedDelayPoll poll;
        private volatile boolean running;

        PortSeriesPoll(PortSeries series, FixedDelayPoll poll) {
            this.series = series;
            this.poll = poll;
        }

        @Override
        public void start() {
            try {
                series.update();
            } catch (RuntimeException e) {
                LOG.warn("could not update the per-port series at start: {}; the poll retries", e.getMessage());
            }
            poll.start();
            running = true;
        }

        @Override
        public void stop() {
            poll.stop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
