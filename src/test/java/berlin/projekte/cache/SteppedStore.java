package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real store (memory or Redis) that a test can hold at one step of the cache's protocol, to put
 * an eviction or a second reader exactly between two steps of a computation: after a read returned,
 * before a put reaches the store, before an eviction reaches the store. Each pause is one-shot: the
 * next call of that kind waits for {@link Pause#proceed()}, later calls go straight through.
 */
final class SteppedStore implements ListStore {

    /** One held call: {@link #reached()} when the call is waiting, {@link #proceed()} lets it go on. */
    static final class Pause {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch proceed = new CountDownLatch(1);

        /** Waits (at most 10 s) until the held call arrived; true if it did. */
        boolean reached() throws InterruptedException {
            return reached.await(10, TimeUnit.SECONDS);
        }

        void proceed() {
            proceed.countDown();
        }

        private void hold() {
            reached.countDown();
            try {
                if (!proceed.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test pause never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private final ListStore store;
    private final AtomicReference<Pause> afterGet = new AtomicReference<>();
    private final AtomicReference<Pause> beforePut = new AtomicReference<>();
    private final AtomicReference<Pause> beforeEvict = new AtomicReference<>();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile CountDownLatch getsSeen;

    SteppedStore(ListStore store) {
        this.store = store;
    }

    Pause pauseAfterNextGet() {
        Pause pause = new Pause();
        afterGet.set(pause);
        return pause;
    }

    Pause pauseBeforeNextPut() {
        Pause pause = new Pause();
        beforePut.set(pause);
        return pause;
    }

    Pause pauseBeforeNextEvict() {
        Pause pause = new Pause();
        beforeEvict.set(pause);
        return pause;
    }

    /** A latch counted down by every read from now on. */
    CountDownLatch countGets(int count) {
        CountDownLatch latch = new CountDownLatch(count);
        getsSeen = latch;
        return latch;
    }

    /** How many puts reached the store (stored or refused). */
    int puts() {
        return puts.get();
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Lookup get(ListKey key, Language language) {
        Lookup lookup = store.get(key, language);
        CountDownLatch seen = getsSeen;
        if (seen != null) {
            seen.countDown();
        }
        Pause pause = afterGet.getAndSet(null);
        if (pause != null) {
            pause.hold();
        }
        return lookup;
    }

    @Override
    public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
        Pause pause = beforePut.getAndSet(null);
        if (pause != null) {
            pause.hold();
        }
        puts.incrementAndGet();
        return store.put(key, language, entry, token, ttl);
    }

    @Override
    public boolean expired(ListKey key, Language language, Entry entry) {
        return store.expired(key, language, entry);
    }

    @Override
    public Map<ListKey, Set<Language>> evict(Set<ListKey> keys) {
        Pause pause = beforeEvict.getAndSet(null);
        if (pause != null) {
            pause.hold();
        }
        return store.evict(keys);
    }

    @Override
    public boolean reachable() {
        return store.reachable();
    }

    @Override
    public Map<ListKey, Set<Language>> entries() {
        return store.entries();
    }

    @Override
    public void close() {
        store.close();
    }
}
