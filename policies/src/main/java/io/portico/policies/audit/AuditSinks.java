package io.portico.policies.audit;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Ready-made sinks. */
public final class AuditSinks {

    /** The logger {@link #logging()} writes to. */
    public static final String LOGGER_NAME = "io.portico.audit";

    private AuditSinks() {
    }

    /**
     * Each event as one JSON line at INFO to the {@value #LOGGER_NAME} system logger (in the gateway, SLF4J and
     * Logback, so a dedicated appender can route audit lines to their own file). The JSON is written only when that
     * logger is enabled at INFO.
     */
    public static AuditSink logging() {
        Logger logger = System.getLogger(LOGGER_NAME);
        return new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                if (logger.isLoggable(Level.INFO)) {
                    logger.log(Level.INFO, event.toJson());
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
