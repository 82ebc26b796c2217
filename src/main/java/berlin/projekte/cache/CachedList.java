package berlin.projekte.cache;

/** A list as served: its JSON bytes, their gzip, a strong ETag, and whether it came from the cache. */
public record CachedList(byte[] body, byte[] gzip, String etag, boolean hit) {
}
