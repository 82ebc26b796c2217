package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.util.Set;

/**
 * A feature that computes lists from the database. The cache calls it on a miss and for
 * refresh-ahead; features never talk to a cache store themselves.
 */
public interface ListSource {

    Set<ListKey> keys();

    ComputedList compute(ListKey key, Language language);
}
