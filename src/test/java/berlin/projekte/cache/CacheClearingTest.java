package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** {@code clear-cache} and {@code POST /api/admin/cache/clear} on a real store, without the application around them. */
class CacheClearingTest {

    private static final List<String> ALL_NAMES = List.of("extprojects", "plans", "privateprojects", "projects",
            "projects_activeParticipation", "projects_futureParticipation", "projects_pastParticipation");
    private final String prefix = RedisKeys.uniquePrefix("clearing");
    private final CountingSource source = new CountingSource();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        RedisKeys.deleteAll(prefix);
    }

    private ListCache cache(ListStore store, CacheMetrics metrics) {
        ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        closing.add(store);
        closing.add(cache::stop);
        return cache;
    }

    /** A cache on Redis at {@code port}, once its start's invalidation is over (or has failed: Redis unreachable). */
    private ListCache redis(int port, boolean reachable) {
        LettuceConnectionFactory factory = RedisFixtures.factory(port, RedisFixtures.OUTAGE_TIMEOUT);
        closing.add(factory::destroy);
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        RedisStore store = new RedisStore(factory, prefix, Duration.ofMinutes(5), RedisFixtures.LEASE, metrics);
        if (reachable) {
            RedisFixtures.awaitTrusted(store); // after the start's invalidation, not racing it
        } else {
            RedisFixtures.alive(store);
        }
        return cache(store, metrics);
    }

    private ListCache memory() {
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        return cache(new MemoryStore(Clock.systemUTC(), metrics), metrics);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCommandEvictsEveryEntryOfRedisAndSaysWhatWasStored() {
        ListCache cache = redis(TestServices.redisPort(), true);
        ClearCacheCommand command = new ClearCacheCommand(cache);
        assertThat(command.name()).isEqualTo("clear-cache");
        cache.get(ListKey.PLANS, Language.EN);
        cache.get(ListKey.PLANS, Language.DE);
        cache.get(ListKey.EXT_PROJECTS, Language.DE);
        assertThat(command.run(List.of(), out)).isZero();
        assertThat(printed()).isEqualTo("cache (redis): evicted 7 keys in every language; stored before:"
                + " {extprojects=[de], plans=[de, en]}" + System.lineSeparator());
        assertThat(cache.entries()).isEmpty();
        printed.reset();
        assertThat(command.run(List.of(), out)).isZero();
        assertThat(printed()).endsWith("stored before: nothing" + System.lineSeparator());
    }

    @Test
    void theCommandTakesNoOptions() {
        ListCache cache = memory();
        cache.get(ListKey.PLANS, Language.EN);
        assertThat(new ClearCacheCommand(cache).run(List.of("--all"), out)).isEqualTo(2);
        assertThat(printed()).startsWith("usage: clear-cache");
        assertThat(cache.entries()).as("nothing cleared").containsKey(ListKey.PLANS);
    }

    @Test
    void theCommandSaysWhenRedisCannotBeReached() {
        ListCache cache = redis(TestServices.closedPort(), false);
        assertThat(new ClearCacheCommand(cache).run(List.of(), out)).isEqualTo(1);
        assertThat(printed()).startsWith("cache (redis): Redis is unreachable, nothing was cleared.");
    }

    @Test
    void theCommandHasNothingToClearInAnotherProcessesMemory() {
        assertThat(new ClearCacheCommand(memory()).run(List.of(), out)).isZero();
        assertThat(printed()).startsWith("cache (memory): the entries live inside each running server process;");
    }

    @Test
    void theEndpointEvictsEveryKeyAndAnswersWhatWasStored() {
        ListCache cache = memory();
        cache.get(ListKey.PROJECTS, Language.EN);
        cache.get(ListKey.PROJECTS, Language.DE);
        Map<String, Object> answer = new CacheAdminController(cache).clear();
        assertThat(answer).isEqualTo(Map.of("store", "memory", "evicted", ALL_NAMES,
                "stored_before", Map.of("projects", List.of("de", "en"))));
        assertThat(cache.entries()).isEmpty();
    }
}
