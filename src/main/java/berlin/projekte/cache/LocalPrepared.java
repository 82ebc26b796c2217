package berlin.projekte.cache;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lists this instance prepared while Redis was not trusted, kept in process, one chain per key and
 * language, to serve from their instant on while Redis stays untrusted (docs/cache-coherence.md,
 * "Prepared entries", "Redis down at the instant"). {@link ListCache} decides when one may be served:
 * this class only keeps them, with the instant each begins at and the local generation its
 * preparation began with.
 */
final class LocalPrepared {

    /** A chain of prepared links, the first valid from {@code from}; {@code generation}: this instance's, before its data was read. */
    record Held(Instant from, ListStore.Entry chain, long generation) {

        /** The link valid at {@code now}: null before {@code from} and once every link has run out. */
        ListStore.Entry at(Instant now) {
            return now.isBefore(from) ? null : chain.at(now);
        }
    }

    private final AtomicReferenceArray<Held> slots;

    LocalPrepared(int slots) {
        this.slots = new AtomicReferenceArray<>(slots);
    }

    Held get(int slot) {
        return slots.get(slot);
    }

    void hold(int slot, Held held) {
        slots.set(slot, held);
    }

    /** Drops the slot's chain if it is still {@code held}. */
    void drop(int slot, Held held) {
        slots.compareAndSet(slot, held, null);
    }

    void drop(int slot) {
        if (slots.get(slot) != null) {
            slots.set(slot, null);
        }
    }

    void clear() {
        for (int slot = 0; slot < slots.length(); slot++) {
            drop(slot);
        }
    }
}
