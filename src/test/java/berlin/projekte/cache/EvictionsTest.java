package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.changes.Change;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.projects.Kind;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The eviction table of docs/cache.md, row by row. */
class EvictionsTest {

    private static final String ALL_PROJECTS =
            "projects projects_activeParticipation projects_futureParticipation projects_pastParticipation";
    private static final String EVERY_KEY = ALL_PROJECTS + " privateprojects extprojects plans";

    static Stream<Arguments> table() {
        return Stream.of(
                //        change                                          keys evicted
                row(new ProjectChanged(Kind.PROJECT),                     ALL_PROJECTS + " privateprojects plans"),
                row(new ProjectChanged(Kind.BPLAN),                       ALL_PROJECTS + " privateprojects plans"),
                row(new ProjectChanged(Kind.EXTERNAL),                    "extprojects plans"),
                row(new PlanChanged(),                                    EVERY_KEY), // extprojects too: items show plan_title
                row(new SharedDataChanged("organisation renamed"),        EVERY_KEY),
                row(new SharedDataChanged("district changed"),            EVERY_KEY),
                row(new SharedDataChanged("topic changed"),               EVERY_KEY),
                row(new MembershipChanged("moderators"),                  "privateprojects"),
                row(new MembershipChanged("group members"),               "privateprojects"),
                row(new MembershipChanged("superuser flag"),              "privateprojects"));
    }

    private static Arguments row(Change change, String keys) {
        return Arguments.of(change, keys);
    }

    @ParameterizedTest(name = "{0} evicts {1}")
    @MethodSource("table")
    void evicts(Change change, String keys) {
        Set<String> expected = Arrays.stream(keys.split(" ")).collect(Collectors.toSet());
        assertThat(Evictions.keysFor(change).stream().map(ListKey::logicalName).collect(Collectors.toSet()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} evicts through the cache")
    @MethodSource("table")
    void theListenerEvictsExactlyThoseKeys(Change change, String keys) {
        CountingSource source = new CountingSource();
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        MemoryStore store = new MemoryStore(java.time.Clock.systemUTC(), metrics);
        ListCache cache = new ListCache(java.util.List.of(source), store, metrics, java.time.Clock.systemUTC(),
                java.time.Duration.ofHours(1), false);
        try {
            for (ListKey key : ListKey.values()) {
                cache.get(key, berlin.projekte.web.Language.DE);
            }
            new Evictions(cache).on(change);
            Set<String> expected = Arrays.stream(keys.split(" ")).collect(Collectors.toSet());
            for (ListKey key : ListKey.values()) {
                boolean hit = cache.get(key, berlin.projekte.web.Language.DE).hit();
                assertThat(hit).as(key.logicalName() + " after " + change).isEqualTo(!expected.contains(key.logicalName()));
            }
        } finally {
            cache.stop();
        }
    }
}
