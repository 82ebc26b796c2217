package berlin.projekte.cache;

import berlin.projekte.cache.ListStore.Entry;
import berlin.projekte.cache.ListStore.Lookup;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Redis store's near copy of each list, per key and language: the head (expiry + ETag) and the
 * decoded entry of the last frame it saw. A copy is only a guess of what Redis holds: the read
 * script sends its head and Redis answers whether it still holds that frame ({@link RedisStore}).
 */
final class NearCopies {

    /** A near copy; {@link #NONE} sends an empty head, which never matches. */
    record Copy(byte[] head, Entry entry) {
        static final Copy NONE = new Copy(new byte[0], null);
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
     * a frame it carries as the new copy.
     */
    Lookup answer(List<?> reply, int slot, Copy sent) {
        long status = (Long) reply.get(0);
        String generation = new String((byte[]) reply.get(1), StandardCharsets.US_ASCII);
        if (status == 0) {
            return LIVENESS_MISSING;
        }
        if (status == 2) {
            return new Lookup(sent.entry(), generation);
        }
        byte[] frame = (byte[]) reply.get(2);
        Entry entry = frame.length == 0 ? null : RedisFrame.decode(frame);
        if (entry == null) {
            return new Lookup(null, generation); // none, or not our frame: a miss; the next put replaces it
        }
        keep(slot, frame, entry);
        return new Lookup(entry, generation);
    }

    /** Keeps the entry of this frame (as Redis holds it) with the frame's head. */
    void keep(int slot, byte[] frame, Entry entry) {
        copies.set(slot, new Copy(Arrays.copyOf(frame, RedisFrame.headLength(frame)), entry));
    }

    void forget(int slot) {
        copies.set(slot, null);
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
