package berlin.projekte.cache;

import java.time.Instant;

/**
 * A freshly computed list: the bytes to store and the instant after which they may be wrong
 * (the next phase start or end among its projects), or null when only the timeout applies.
 */
public record ComputedList(byte[] body, Instant changesAt) {
}
