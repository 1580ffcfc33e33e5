package io.portico.gateway.config;

import java.time.Duration;

/**
 * The checks the {@code portico.*} properties records share, so that a bad value is refused at start with the same
 * words whichever feature it configures: the property's full name and the value it was given.
 */
public final class PropertyChecks {

    private PropertyChecks() {
    }

    /**
     * @param duration the bound value
     * @param property the property's full name ({@code portico.registry.poll-interval})
     * @throws IllegalArgumentException when {@code duration} is unset, zero or negative
     */
    public static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }

    /**
     * @param value    the bound value
     * @param least    the smallest value allowed
     * @param property the property's full name
     * @throws IllegalArgumentException when {@code value} is below {@code least}
     */
    public static void requireAtLeast(int value, int least, String property) {
        if (value < least) {
            throw new IllegalArgumentException(property + " must be at least " + least + ", was " + value);
        }
    }
}
