package berlin.projekte.cache.redis;

import berlin.projekte.cache.ListStore;
import berlin.projekte.cache.ListStore.Entry;
import berlin.projekte.cache.ListStore.Lookup;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Redis store's near copy of each list, per key and language: the head (expiry + ETag), the
 * decoded entry and the generation of the last frame it saw. A copy is only a guess of what Redis
 * holds: the read script sends its head and Redis answers whether it still holds that frame, or,
 * while this instance holds a lease, the copy is served if its generation is the newest the
 * instance knows of ({@link NearLeases}, {@link RedisStore}).
 */
final class NearCopies {

    /**
     * A near copy; {@link #NONE} sends an empty head, which never matches. {@code served} is what a
     * read returns: the entry with its generation as the token.
     */
    record Copy(byte[] head, Entry entry, long generation, Lookup served) {
        static final Copy NONE = new Copy(new byte[0], null, -1, null);

        Copy at(String newGeneration) {
            return new Copy(head, entry, Long.parseLong(newGeneration), new Lookup(entry, newGeneration));
        }
    }

    /** A read's answer when the liveness key is missing (compared by identity). */
    static final Lookup LIVENESS_MISSING = new Lookup(null, ListStore.NO_STORE);

    private final AtomicReferenceArray<Copy> copies;

    NearCopies(int slots) {
        copies = new AtomicReferenceArray<>(slots);
    }

    Copy get(int slot) {
        Copy copy = copies.get(slot);
        return copy == null ? Copy.NONE : copy;
    }

    /**
     * What the read script's reply ({@link RedisScripts#READ}) to {@code sent}'s head means, keeping
     * a frame it carries as the new copy. Redis holds a frame only at the generation it was stored
     * at (an eviction deletes it), so the reply's generation is the copy's.
     */
    Lookup answer(List<?> reply, int slot, Copy sent) {
        long status = (Long) reply.get(0);
        String generation = new String((byte[]) reply.get(1), StandardCharsets.US_ASCII);
        if (status == 0) {
            return LIVENESS_MISSING;
        }
        if (status == 2) {
            if (sent.generation() != Long.parseLong(generation)) {
                copies.compareAndSet(slot, sent, sent.at(generation));
            }
            return new Lookup(sent.entry(), generation);
        }
        byte[] frame = (byte[]) reply.get(2);
        Entry entry = frame.length == 0 ? null : RedisFrame.decode(frame);
        if (entry == null) {
            return new Lookup(null, generation); // none, or not our frame: a miss; the next put replaces it
        }
        keep(slot, frame, entry, generation);
        return new Lookup(entry, generation);
    }

    /** Keeps the entry of this frame (as Redis holds it at this generation) with the frame's head. */
    void keep(int slot, byte[] frame, Entry entry, String generation) {
        copies.set(slot, new Copy(Arrays.copyOf(frame, RedisFrame.headLength(frame)), entry, -1, null).at(generation));
    }

    void forget(int slot) {
        copies.set(slot, null);
    }

    /** Forgets the copy if it still holds this entry. */
    void forget(int slot, Entry entry) {
        Copy copy = copies.get(slot);
        if (copy != null && copy.entry() == entry) {
            copies.compareAndSet(slot, copy, null);
        }
    }

    /** The bytes the copies hold (bodies and gzip), for the gauge {@code projekte.cache.near.bytes}. */
    long bytes() {
        long bytes = 0;
        for (int i = 0; i < copies.length(); i++) {
            Copy copy = copies.get(i);
            if (copy != null) {
                bytes += copy.entry().body().length + (copy.entry().gzip() == null ? 0 : copy.entry().gzip().length);
            }
        }
        return bytes;
    }
}
