package io.portico.gateway.config;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for the gateway's blocking work that fans out (port calls, port probes, health checks, demo port starts).
 * Platform threads, not virtual ones: a virtual thread that loads a class from the boot jar pins its carrier while
 * it waits for the jar's lock, and with as many such threads as cores every carrier can end up waiting on a virtual
 * thread that holds the lock but has no carrier to run on (the gateway hung that way at start on 2 cores).
 */
public final class PlatformThreads {

    /** How many probes or checks of a fan-out run at once. */
    public static final int PARALLEL_PROBES = 16;

    private PlatformThreads() {
    }

    /** Daemon platform threads named {@code prefix0}, {@code prefix1}, ... */
    public static ThreadFactory named(String prefix) {
        return Thread.ofPlatform().name(prefix, 0).daemon().factory();
    }
}
