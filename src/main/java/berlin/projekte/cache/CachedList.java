package berlin.projekte.cache;

/**
 * A list as served: its JSON bytes, their gzip, a strong ETag, and whether it came from the cache.
 * {@code generation} is the key's generation in the store when it was read (equal generations: no
 * eviction of the key in between, on any instance), or null when the store cannot vouch for it
 * (no store, Redis not trusted). {@code prepared}: a hit on an entry prepared ahead of its instant.
 */
public record CachedList(byte[] body, byte[] gzip, String etag, boolean hit, Object generation, boolean prepared) {

    public CachedList(byte[] body, byte[] gzip, String etag, boolean hit, Object generation) {
        this(body, gzip, etag, hit, generation, false);
    }

    public CachedList(byte[] body, byte[] gzip, String etag, boolean hit) {
        this(body, gzip, etag, hit, null);
    }
}
