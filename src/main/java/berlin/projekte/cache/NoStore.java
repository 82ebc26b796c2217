package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code projekte.cache.store=none}: nothing is kept, every read computes (for benchmarks). */
final class NoStore implements ListStore {

    private static final Lookup MISS = new Lookup(null, NO_STORE);

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Lookup get(ListKey key, Language language) {
        return MISS;
    }

    @Override
    public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
        return false;
    }

    @Override
    public Map<ListKey, Set<Language>> evict(Set<ListKey> keys) {
        return Map.of();
    }

    @Override
    public Map<ListKey, Set<Language>> entries() {
        return Map.of();
    }
}
