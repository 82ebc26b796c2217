package berlin.projekte.cache.redis;

import berlin.projekte.cache.CountingSource;
import berlin.projekte.cache.EvictionReason;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import static berlin.projekte.cache.CountingSource.text;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.web.Language;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Fault 1 of issue 11: one spurious timeout made instance A distrust Redis for about 100 ms, and its
 * eviction in that window was not even sent, so B (which trusted Redis) served the old list. An
 * instance that distrusts Redis still sends its evictions (idempotent generation bumps).
 */
class UntrustedEvictionTest {

    @Test
    void anInstanceThatDistrustsRedisStillSendsItsEvictions() throws Exception {
        String prefix = RedisKeys.uniquePrefix("untrusted");
        CountingSource source = new CountingSource();
        LettuceConnectionFactory redisA = RedisFixtures.sharedFactory();
        LettuceConnectionFactory redisB = RedisFixtures.sharedFactory();
        RedisStore storeA = new RedisStore(redisA, prefix, Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        RedisStore storeB = new RedisStore(redisB, prefix, Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        ListCache a = new ListCache(List.of(source), storeA, RedisFixtures.metrics("redis"), Clock.systemUTC(), Duration.ofHours(1), false);
        ListCache b = new ListCache(List.of(source), storeB, RedisFixtures.metrics("redis"), Clock.systemUTC(), Duration.ofHours(1), false);
        try {
            storeA.alive();
            storeB.alive();
            b.get(ListKey.PLANS, Language.DE);
            assertThat(b.get(ListKey.PLANS, Language.DE).hit()).isTrue();
            // What a timed-out command leaves behind (a failure not yet followed by a recovery), set directly,
            // with A's background recovery stopped: it would invalidate everything within 100 ms and hide
            // whether the eviction itself reached Redis (the stale window of the issue was 107 ms).
            Field heartbeat = RedisStore.class.getDeclaredField("heartbeat");
            heartbeat.setAccessible(true);
            ((RedisHeartbeat) heartbeat.get(storeA)).close(); // its connection stays open
            Field trust = RedisStore.class.getDeclaredField("trust");
            trust.setAccessible(true);
            ((RedisTrust) trust.get(storeA)).failed("evict", null);
            assertThat(storeA.trusted()).isFalse();

            source.version.set(2);
            a.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);

            assertThat(text(b.get(ListKey.PLANS, Language.DE))).as("B after A's eviction").contains("\"version\":2");
        } finally {
            a.stop();
            b.stop();
            storeA.close();
            storeB.close();
            redisA.destroy();
            redisB.destroy();
            RedisKeys.deleteAll(prefix);
        }
    }
}
