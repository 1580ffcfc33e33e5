package io.portico.gateway.answers;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Whole GraphQL answers, kept by {@link AnswerKey} as long as every port answer they were made of is still the one
 * the result cache serves ({@link KeptAnswer#stillValid}, asked on every hit), and never longer than the shortest
 * time to live among those; bounded by the bytes of JSON held.
 *
 * <p>Meters: {@code portico.answer.cache.requests} by {@code result} ({@code hit}, {@code miss}, {@code stale}: kept
 * but one of its port answers is no longer served), {@code portico.answer.cache.kept}, and the gauges
 * {@code portico.answer.cache.entries} and {@code portico.answer.cache.size} (bytes, approximate).
 */
public final class AnswerCache {

    private static final int ENTRY_OVERHEAD_BYTES = 256;

    private final Cache<AnswerKey, KeptAnswer> answers;
    private final long maxEntryBytes;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;
    private final Counter kept;

    public AnswerCache(AnswerCacheProperties properties, MeterRegistry meters, Ticker ticker) {
        requireNonNull(properties, "properties is null");
        this.maxEntryBytes = properties.maxEntryBytes().toBytes();
        this.answers = Caffeine.newBuilder()
                .maximumWeight(properties.maxBytes().toBytes())
                .weigher((AnswerKey key, KeptAnswer answer) -> weight(key, answer))
                .expireAfter(Expiry.creating((AnswerKey key, KeptAnswer answer) ->
                        Duration.ofNanos(answer.ttlNanos())))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        this.hits = requests(meters, "hit");
        this.misses = requests(meters, "miss");
        this.stale = requests(meters, "stale");
        this.kept = Counter.builder("portico.answer.cache.kept").description("whole answers kept")
                .register(meters);
        Gauge.builder("portico.answer.cache.entries", answers, cache -> cache.estimatedSize())
                .description("whole answers held").register(meters);
        Gauge.builder("portico.answer.cache.size", answers, AnswerCache::bytesHeld).baseUnit("bytes")
                .description("bytes of whole answers held, approximately").register(meters);
    }

    /** The answer kept for {@code key}, if it is still valid; a stale one is dropped. */
    KeptAnswer get(AnswerKey key) {
        KeptAnswer answer = answers.getIfPresent(key);
        if (answer == null) {
            misses.increment();
            return null;
        }
        if (!answer.stillValid()) {
            answers.asMap().remove(key, answer);
            stale.increment();
            return null;
        }
        hits.increment();
        return answer;
    }

    /** Keeps {@code answer} under {@code key}, unless it is larger than {@code max-entry-bytes}. */
    void keep(AnswerKey key, KeptAnswer answer) {
        if (answer.dataJson().length() > maxEntryBytes) {
            return;
        }
        answers.put(key, answer);
        kept.increment();
    }

    private static int weight(AnswerKey key, KeptAnswer answer) {
        long bytes = 2L * (key.characters() + answer.dataJson().length()) + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static double bytesHeld(Cache<AnswerKey, KeptAnswer> answers) {
        return answers.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    private static Counter requests(MeterRegistry meters, String result) {
        return Counter.builder("portico.answer.cache.requests").tag("result", result)
                .description("GraphQL requests that could be answered whole, by whether they were")
                .register(meters);
    }
}
