package berlin.projekte.cache;

/** Why entries left the cache (a metric tag and a log word). */
public enum EvictionReason {
    CHANGE, TRANSITION, TIMEOUT, CLEAR
}
