package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/**
 * A started instance evicts every list once when its bus first listens, and again when its first
 * liveness refresh makes Redis trusted (docs/cache-coherence.md, "Lost evictions"): a test that warms a
 * list before both happened may see it evicted by the start, not by what it tests.
 */
final class InstanceStart {

    private InstanceStart() {
    }

    /** Until the bus listens (if there is one) and the store is trusted. */
    static void await(EvictionBus bus, ListCache cache) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bus != null && !bus.listening() || !cache.storeReachable()) {
            assertThat(System.nanoTime()).as("listening and Redis trusted").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
