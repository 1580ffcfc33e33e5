package io.portico.gateway.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage recording ({@link UsageRecorder}) and its reports, under {@code portico.usage}.
 *
 * @param enabled          whether reads are recorded at all (reports and the change check answer from what was
 *                         recorded before)
 * @param flushInterval    how often this gateway adds what it aggregated to the registry database
 * @param retentionDays    days of usage kept; older days are deleted at each flush
 * @param maxPendingKeys   the most (day, dataset, field, subject) keys aggregated between two flushes; reads of a
 *                         new key beyond it are dropped and counted
 * @param maxQueuedEvents  the most audit events waiting to be aggregated; events beyond it are dropped and counted
 * @param changeCheckDays  the window of the change check: consumers that read a changed field in these last days
 */
@ConfigurationProperties("portico.usage")
public record UsageProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("90") int retentionDays,
        @DefaultValue("100000") int maxPendingKeys,
        @DefaultValue("10000") int maxQueuedEvents,
        @DefaultValue("30") int changeCheckDays) {

    public UsageProperties {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("portico.usage.flush-interval must be above 0, was " + flushInterval);
        }
        requirePositive(retentionDays, "retention-days");
        requirePositive(maxPendingKeys, "max-pending-keys");
        requirePositive(maxQueuedEvents, "max-queued-events");
        requirePositive(changeCheckDays, "change-check-days");
    }

    private static void requirePositive(int value, String property) {
        if (value <= 0) {
            throw new IllegalArgumentException("portico.usage." + property + " must be above 0, was " + value);
        }
    }
}
