package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.ListKey;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.TcpLink;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Issue 14, item 5: the master vanished without a reset (its host is gone; a failover to another
 * host). The instance's connections stay open and silent, so neither Lettuce nor the kernel of a
 * live proxy notices; the store must find the new master by itself, within 15 s.
 */
class VanishedMasterTest {

    private static final String PREFIX = "vanished";
    private final RedisProcess first = new RedisProcess();
    private final RedisProcess next = new RedisProcess();
    private final TcpLink link = new TcpLink(first.port);
    /** Production's command timeout (250 ms). */
    private final LettuceConnectionFactory factory = RedisFixtures.factory(link.port(), Duration.ofMillis(250));
    private final RedisStore store = new RedisStore(factory, PREFIX, Duration.ofSeconds(2), RedisFixtures.LEASE,
            RedisFixtures.metrics("redis"));

    @AfterEach
    void close() {
        store.close();
        factory.destroy();
        link.close();
        first.close();
        next.close();
    }

    private void await(boolean trusted, long deadlineNanos, String what) {
        while (store.trusted() != trusted) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadlineNanos);
            RedisProcess.sleep(10);
        }
    }

    @Test
    void anInstanceWhoseMasterVanishedTrustsTheNewOneWithin15Seconds() {
        await(true, System.nanoTime() + TimeUnit.SECONDS.toNanos(20), "trusted at start");

        link.vanish(next.port);
        long lost = System.nanoTime();

        await(false, lost + TimeUnit.SECONDS.toNanos(5), "the store noticed");
        await(true, lost + TimeUnit.SECONDS.toNanos(15), "the store trusts the new master within 15 s");
        store.evict(Set.of(ListKey.PLANS));
        LettuceConnectionFactory direct = RedisFixtures.factory(next.port, RedisFixtures.TIMEOUT);
        try (RedisConnection connection = direct.getConnection()) {
            assertThat(connection.keyCommands().exists((PREFIX + ":{v2}:" + ListKey.PLANS.logicalName() + ":gen").getBytes()))
                    .as("the eviction reached the new master").isTrue();
        } finally {
            direct.destroy();
        }
    }
}
