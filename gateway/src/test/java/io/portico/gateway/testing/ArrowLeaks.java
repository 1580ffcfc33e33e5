package io.portico.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Fails a test when Arrow memory outlived the calls that allocated it. */
public final class ArrowLeaks {

    private ArrowLeaks() {
    }

    /**
     * Asserts that {@code root} holds no memory and that no per-call child allocator (named {@code "... #<n>"})
     * is still open. Waits briefly: a port releases a stream's memory just after its client read the last batch.
     */
    public static void assertNoneUnder(BufferAllocator root) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (root.getAllocatedMemory() != 0 || !openCallAllocators(root).isEmpty())) {
            sleep();
        }
        assertThat(openCallAllocators(root)).as("per-call allocators still open").isEmpty();
        assertThat(root.getAllocatedMemory()).as("bytes allocated under %s:\n%s", root.getName(), root.toVerboseString())
                .isZero();
    }

    private static List<String> openCallAllocators(BufferAllocator allocator) {
        List<String> open = new ArrayList<>();
        for (BufferAllocator child : allocator.getChildAllocators()) {
            if (child.getName().matches(".* #\\d+")) {
                open.add(child.getName());
            }
            open.addAll(openCallAllocators(child));
        }
        return open;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
