package berlin.projekte.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Issue 14, item 2: Redis's wall clock stepped by 10 s while instances hold leases (an NTP step, a
 * VM resumed). Safety must not rest on it: B holds a copy under its lease and hears nothing more
 * (its connections lost their server side silently); A evicts. After A's eviction returned, B must
 * not serve its copy, and A must not wait longer than B's lease plus the command timeout.
 */
@EnabledIf(value = ClockShiftedRedis.AVAILABLE, disabledReason = ClockShiftedRedis.NOT_AVAILABLE)
class ClockStepTest {

    private static final Duration LEASE_B = Duration.ofSeconds(3);
    private final ClockShiftedRedis redis = new ClockShiftedRedis();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        redis.close();
    }

    private RedisStore store(int port, Duration lease) throws Exception {
        LettuceConnectionFactory factory = RedisFixtures.factory(port, RedisFixtures.OUTAGE_TIMEOUT);
        opened.add(factory::destroy);
        RedisStore store = new RedisStore(factory, "clock", Duration.ofMinutes(10), lease, RedisFixtures.metrics("redis"));
        opened.add(store);
        RedisFixtures.stopHeartbeat(store);
        return store;
    }

    /** A's eviction while B holds its copy, deaf, after Redis's clock stepped; returns A's wait in ms. */
    private long evictionAfterAStep(Duration step) throws Exception {
        RedisStore a = store(redis.port, Duration.ofSeconds(1));
        TcpLink link = new TcpLink(redis.port);
        opened.add(link);
        RedisStore b = store(link.port(), LEASE_B);
        NearLeasesTest.stored(b);
        a.alive(); // A sees the registry settled
        a.alive();
        b.alive(); // B renews: its lease runs from now
        link.loseServerSide();
        redis.step(step);

        long start = System.nanoTime();
        a.evict(Set.of(NearLeasesTest.KEY));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(b.get(NearLeasesTest.KEY, Language.DE).entry()).as("B's copy, once A's eviction returned").isNull();
        return millis;
    }

    @Test
    void aForwardStepDropsNoLiveLease() throws Exception {
        assertThat(evictionAfterAStep(Duration.ofSeconds(10))).as("A waited for B's lease").isGreaterThanOrEqualTo(2_500);
    }

    @Test
    void aBackwardStepDoesNotLengthenTheWait() throws Exception {
        assertThat(evictionAfterAStep(Duration.ofSeconds(-10)))
                .as("at most B's lease and a command timeout").isLessThan(LEASE_B.plus(RedisFixtures.OUTAGE_TIMEOUT).toMillis());
    }
}
