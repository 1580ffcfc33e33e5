package io.portico.gateway.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operation tag of a GraphQL request: its operation name while fewer than {@code max} distinct names were
 * seen, {@link #OTHER} for any new name after that, {@link #ANONYMOUS} for an operation without a name. Operation
 * names are chosen by clients, so the number of series they make is capped here. Thread-safe.
 */
final class OperationNames {

    static final String OTHER = "other";
    static final String ANONYMOUS = "anonymous";
    /** Longer names are cut: a tag value is held by every series that carries it. */
    static final int MAX_LENGTH = 64;

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    OperationNames(int max) {
        this.max = max;
    }

    /** The tag value of an operation named {@code name} (null or blank: anonymous). */
    String tagOf(String name) {
        if (name == null || name.isBlank()) {
            return ANONYMOUS;
        }
        String tag = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
        if (admitted.contains(tag)) {
            return tag;
        }
        if (OTHER.equals(tag) || ANONYMOUS.equals(tag)) {
            return tag;
        }
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return OTHER;
        }
        if (!admitted.add(tag)) {
            count.decrementAndGet();
        }
        return tag;
    }
}
