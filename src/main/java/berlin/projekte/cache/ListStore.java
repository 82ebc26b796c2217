package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Where entries live: memory, Redis or nowhere. A store never throws: a failure is a miss, a put
 * that did not happen, an eviction it remembers. Its rules (see {@link ListCache}):
 * <ul>
 *   <li>{@link #get} returns the entry (or null) and a <em>token</em>: the key's generation as the
 *       store saw it at that moment;</li>
 *   <li>{@link #put} stores only if the key's generation still equals the token, atomically;</li>
 *   <li>{@link #evict} advances the generation of each key and deletes its entries, atomically.</li>
 * </ul>
 * So a computation that began before an eviction can never store its result after it.
 */
public interface ListStore extends AutoCloseable {

    /** A token that never allows a put (the store cannot vouch for the generation). */
    Object NO_STORE = new Object() {
        @Override
        public String toString() {
            return "NO_STORE";
        }
    };

    /**
     * A stored list, valid until {@code expiresAt}. {@code gzip} is null for per-user keys.
     * {@code next}, if any, is the list as of that instant, prepared ahead, valid from it until its own
     * expiry (and so on: a chain, for boundaries close together; docs/cache-coherence.md, "Prepared entries").
     */
    record Entry(byte[] body, byte[] gzip, String etag, Instant expiresAt, Entry next) {

        /** Most links a chain holds: more boundaries than this within the lead time are misses. */
        public static final int MAX_LINKS = 8;

        public Entry(byte[] body, byte[] gzip, String etag, Instant expiresAt) {
            this(body, gzip, etag, expiresAt, null);
        }

        /** The link valid at {@code now}, or null when every link has run out: usually one comparison. */
        Entry at(Instant now) {
            Entry link = this;
            while (link != null && !now.isBefore(link.expiresAt)) {
                link = link.next;
            }
            return link;
        }

        /** When the last link runs out. */
        Instant end() {
            Entry link = this;
            while (link.next != null) {
                link = link.next;
            }
            return link.expiresAt;
        }

        public int links() {
            return next == null ? 1 : 1 + next.links();
        }

        /** This chain with {@code last} valid from its end. */
        Entry followedBy(Entry last) {
            return new Entry(body, gzip, etag, expiresAt, next == null ? last : next.followedBy(last));
        }
    }

    /** What a read found: the entry or null, and the generation token for a later put. */
    record Lookup(Entry entry, Object token) {
    }

    String name();

    Lookup get(ListKey key, Language language);

    /**
     * As {@link #get}, but from the store shared by the instances, not from a near copy: what another
     * instance prepared at the same generation (which moves no generation on) is seen.
     */
    default Lookup getShared(ListKey key, Language language) {
        return get(key, language);
    }

    /** Stores if the key's generation is still {@code token}; true if stored. */
    boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl);

    /**
     * The entry read by {@link #get} has expired by the application clock (before the store's own
     * expiry noticed): drop it if it is still there; true if this call dropped it.
     */
    default boolean expired(ListKey key, Language language, Entry entry) {
        return true;
    }

    /** Evicts every language of these keys; returns the entries that were there (best effort). */
    Map<ListKey, Set<Language>> evict(Set<ListKey> keys);

    /** False while the store cannot be reached or trusted (evictions are then only remembered). */
    default boolean reachable() {
        return true;
    }

    /** The entries stored now (for the clear command and tests). */
    Map<ListKey, Set<Language>> entries();

    @Override
    default void close() {
    }
}
