package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.time.Instant;
import java.util.Set;

/**
 * A feature that computes lists from the database. The cache calls it on a miss and for
 * refresh-ahead; features never talk to a cache store themselves.
 */
public interface ListSource {

    Set<ListKey> keys();

    /** The list as of now (the application clock). */
    ComputedList compute(ListKey key, Language language);

    /**
     * The list as of {@code asOf} (an instant soon), from the data as it is now: what {@link #compute}
     * will answer at that instant unless a change comes first (which evicts it). Null: this source
     * cannot compute ahead, and its entries end with a miss.
     */
    default ComputedList computeAsOf(ListKey key, Language language, Instant asOf) {
        return null;
    }
}
