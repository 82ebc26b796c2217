package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not an assertion: prints median hit and miss times for a 600 KB list (run by hand:
 * {@code mvn -o test -Dtest=HitLatencyMeasurement -Dmeasure=true}, output in target/surefire-reports).
 */
class HitLatencyMeasurement {

    @Test
    @EnabledIfSystemProperty(named = "measure", matches = "true")
    void measure() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        java.util.Random r = new java.util.Random(1);
        while (sb.length() < 600_000) {
            sb.append("{\"title\":\"project ").append(r.nextInt()).append("\",\"description\":\"").append(Long.toHexString(r.nextLong())).append(" lorem ipsum dolor sit amet\"},");
        }
        sb.append("{}]");
        byte[] body = sb.toString().getBytes();
        ListSource big = new ListSource() {
            public Set<ListKey> keys() { return Set.of(ListKey.values()); }
            public ComputedList compute(ListKey key, Language language) { return new ComputedList(body, null); }
        };
        var redis = RedisFixtures.sharedFactory();
        String prefix = RedisKeys.uniquePrefix("measure");
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        RedisStore store = new RedisStore(redis, prefix, Duration.ofSeconds(5), metrics);
        store.alive();
        ListCache cache = new ListCache(List.of(big), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        long[] miss = new long[50];
        for (int i = 0; i < miss.length; i++) {
            cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
            long t = System.nanoTime();
            cache.get(ListKey.PLANS, Language.DE);
            miss[i] = System.nanoTime() - t;
        }
        long[] hit = time(cache, 5000);
        // another instance: first read transfers the frame, then conditional
        RedisStore other = new RedisStore(redis, prefix, Duration.ofSeconds(5), metrics);
        long[] full = new long[300];
        for (int i = 0; i < full.length; i++) {
            RedisStore fresh = new RedisStore(redis, prefix, Duration.ofSeconds(5), RedisFixtures.metrics("redis"));
            long t = System.nanoTime();
            fresh.get(ListKey.PLANS, Language.DE);
            full[i] = System.nanoTime() - t;
            fresh.close();
        }
        CacheMetrics mm = RedisFixtures.metrics("memory");
        ListCache memory = new ListCache(List.of(big), new MemoryStore(Clock.systemUTC(), mm), mm, Clock.systemUTC(), Duration.ofHours(1), false);
        long[] mem = time(memory, 20000);
        System.out.printf("body %d bytes%n miss (compute=constant, gzip, etag, store) median %.3f ms%n redis hit (conditional) median %.3f ms p99 %.3f%n redis full frame read median %.3f ms%n memory hit median %.4f ms%n",
                body.length, med(miss), med(hit), pct(hit, 0.99), med(full), med(mem));
        RedisKeys.deleteAll(prefix);
        other.close();
        store.close();
        redis.destroy();
    }

    private static long[] time(ListCache cache, int n) {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            cache.get(ListKey.PLANS, Language.DE);
            times[i] = System.nanoTime() - t;
        }
        return times;
    }

    private static double med(long[] t) { return pct(t, 0.5); }

    private static double pct(long[] t, double p) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[(int) (s.length * p)] / 1e6;
    }
}
