package io.portico.benchmarks.harness;

import java.util.Arrays;

/**
 * Latencies of repeated runs of one workload, in nanoseconds, with nearest-rank percentiles.
 *
 * @param nanos every measured run, in the order they ran
 */
record LatencySummary(long[] nanos) {

    LatencySummary {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measured runs");
        }
        nanos = nanos.clone();
    }

    /** The nearest-rank percentile, e.g. {@code percentile(50)} is the median. */
    double percentileMillis(double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    double meanMillis() {
        return Arrays.stream(nanos).average().orElseThrow() / 1e6;
    }

    double maxMillis() {
        return Arrays.stream(nanos).max().orElseThrow() / 1e6;
    }

    int count() {
        return nanos.length;
    }
}
