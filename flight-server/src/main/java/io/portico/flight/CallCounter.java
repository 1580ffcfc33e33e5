package io.portico.flight;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Counts the Flight RPCs a port received, by method ({@code GetFlightInfo}, {@code DoGet}, {@code DoPut},
 * {@code DoAction}, ...): how many round trips its clients spend per statement. Counts every call that reached
 * the port's handlers, accepted or not. Lock-free; a few nanoseconds per call.
 */
public final class CallCounter implements FlightServerMiddleware.Factory<FlightServerMiddleware> {

    /** The key the port registers it under. */
    public static final FlightServerMiddleware.Key<FlightServerMiddleware> KEY =
            FlightServerMiddleware.Key.of("portico-call-counter");

    private static final FlightMethod[] METHODS = FlightMethod.values();
    private static final FlightServerMiddleware NOTHING_TO_DO = new FlightServerMiddleware() {
        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        }

        @Override
        public void onCallCompleted(CallStatus status) {
        }

        @Override
        public void onCallErrored(Throwable error) {
        }
    };

    private final AtomicLongArray counts = new AtomicLongArray(METHODS.length);

    @Override
    public FlightServerMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
        counts.incrementAndGet(info.method().ordinal());
        return NOTHING_TO_DO;
    }

    /** The calls received so far, by method; methods never called are absent. */
    public Map<FlightMethod, Long> counts() {
        Map<FlightMethod, Long> snapshot = new EnumMap<>(FlightMethod.class);
        for (FlightMethod method : METHODS) {
            long count = counts.get(method.ordinal());
            if (count > 0) {
                snapshot.put(method, count);
            }
        }
        return snapshot;
    }

    /** Every call received so far, whatever its method. */
    public long total() {
        long total = 0;
        for (int index = 0; index < counts.length(); index++) {
            total += counts.get(index);
        }
        return total;
    }
}
