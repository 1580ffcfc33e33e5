package io.portico.flight.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something that happens on another thread, with a deadline instead of a fixed sleep: the condition is
 * checked at once, then every few milliseconds, until it holds (the wait ends there) or the deadline passes (an
 * {@link AssertionError} naming what did not happen).
 */
public final class Poll {

    private static final long STEP_MILLIS = 5;

    private Poll() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param what    what is awaited, for the failure message ("the port's stream started")
     * @param timeout how long at most
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        requireNonNull(condition, "condition is null");
        value(what, timeout, () -> condition.getAsBoolean(), Boolean::booleanValue);
    }

    /**
     * Waits until {@code supplier} supplies a value that {@code accepted} accepts, and returns that value.
     *
     * @throws AssertionError if no accepted value comes within {@code timeout}; the message shows the last one
     */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> accepted) {
        requireNonNull(what, "what is null");
        requireNonNull(supplier, "supplier is null");
        requireNonNull(accepted, "accepted is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = supplier.get();
            if (accepted.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout + ": " + what + " (last seen: " + value + ")");
            }
            if (!pause()) {
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
    }

    /**
     * Like {@link #until} but answers false instead of failing (also when interrupted, the interrupt kept): for
     * fixtures that give up quietly (a proxy waiting for a cancellation that may never come).
     */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0 || !pause()) {
                return false;
            }
        }
        return true;
    }

    /** Waits one step; false when interrupted (the interrupt kept). */
    private static boolean pause() {
        try {
            Thread.sleep(STEP_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
