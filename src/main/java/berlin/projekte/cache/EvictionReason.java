package berlin.projekte.cache;

/**
 * Why entries left the cache (a metric tag and a log word). {@code MISSED}: evictions this
 * instance may have missed, when its eviction listener starts listening (at its start, and again
 * after it lost its connection).
 */
public enum EvictionReason {
    CHANGE, TRANSITION, TIMEOUT, CLEAR, MISSED
}
