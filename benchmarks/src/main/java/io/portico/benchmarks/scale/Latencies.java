package io.portico.benchmarks.scale;

import java.util.Arrays;

/**
 * Durations of repeated operations, in nanoseconds, with nearest-rank percentiles.
 *
 * @param nanos every measured duration
 */
record Latencies(long[] nanos) {

    Latencies {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measured durations");
        }
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    /** The nearest-rank percentile, e.g. {@code percentileMillis(50)} is the median. */
    double percentileMillis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return nanos[nanos.length - 1] / 1e6;
    }

    double meanMillis() {
        return Arrays.stream(nanos).average().orElseThrow() / 1e6;
    }

    int count() {
        return nanos.length;
    }
}
