package berlin.projekte.cache;

import berlin.projekte.web.Language;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process store (Caffeine; the embedded default, one instance). Same rules as Redis: a
 * generation per key, advanced by {@link #evict} and compared by {@link #put}, both under the
 * key's lock, so "compare generation, then store" and "advance generation, then delete" never
 * interleave. Reads take no lock. Each entry expires after its own time to live (Caffeine's
 * variable expiry); {@link ListCache} also checks the entry's expiry against the application clock.
 */
final class MemoryStore implements ListStore {

    private record Slot(ListKey key, Language language) {
    }

    private final Cache<Slot, Entry> cache;
    private final AtomicLongArray generations = new AtomicLongArray(ListKey.values().length);
    private final Object[] locks = new Object[ListKey.values().length];
    private final Clock clock;

    MemoryStore(Clock clock, CacheMetrics metrics) {
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(ListKey.values().length * Language.values().length * 2L)
                .expireAfter(Expiry.<Slot, Entry>creating((slot, entry) -> {
                    Duration ttl = Duration.between(this.clock.instant(), entry.end()); // kept while a prepared link is valid
                    return ttl.isNegative() ? Duration.ZERO : ttl;
                }))
                .evictionListener((Slot slot, Entry entry, RemovalCause cause) -> {
                    if (slot != null && cause == RemovalCause.EXPIRED) {
                        metrics.eviction(slot.key(), EvictionReason.TIMEOUT);
                    }
                })
                .build();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Lookup get(ListKey key, Language language) {
        long generation = generations.get(key.ordinal());
        // Read the generation first: an eviction between the two reads makes the token stale (no put), never wrong.
        return new Lookup(cache.getIfPresent(new Slot(key, language)), generation);
    }

    @Override
    public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
        synchronized (locks[key.ordinal()]) {
            if (!(token instanceof Long generation) || generation != generations.get(key.ordinal())) {
                return false;
            }
            cache.put(new Slot(key, language), entry);
            return true;
        }
    }

    @Override
    public boolean expired(ListKey key, Language language, Entry entry) {
        return cache.asMap().remove(new Slot(key, language), entry);
    }

    @Override
    public Map<ListKey, Set<Language>> evict(Set<ListKey> keys) {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        for (ListKey key : keys) {
            synchronized (locks[key.ordinal()]) {
                generations.incrementAndGet(key.ordinal());
                for (Language language : Language.values()) {
                    if (cache.asMap().remove(new Slot(key, language)) != null) {
                        present.computeIfAbsent(key, k -> EnumSet.noneOf(Language.class)).add(language);
                    }
                }
            }
        }
        return present;
    }

    @Override
    public Map<ListKey, Set<Language>> entries() {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        cache.asMap().keySet().forEach(slot ->
                present.computeIfAbsent(slot.key(), k -> EnumSet.noneOf(Language.class)).add(slot.language()));
        return present;
    }
}
