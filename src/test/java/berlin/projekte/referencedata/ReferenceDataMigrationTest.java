package berlin.projekte.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListKey;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The eviction table's row "district or topic changed → every key", driven by its real trigger:
 * reference data changes only by a migration a deploy ships. Instance A serves every list from
 * the cache in both languages; a second instance starts on the same database and cache with one
 * more migration (renaming the district Mitte, relabelling a topic); A's next read of every list
 * says the new name. A start that applies no migration leaves the cache alone.
 */
class ReferenceDataMigrationTest {

    private static final String PREFIX = RedisKeys.uniquePrefix("reference-data");
    private static final String WITHOUT_RENAME = "classpath:db/migration";
    private static final String WITH_RENAME = "classpath:db/migration,classpath:db/reference-data-test";
    private static final String PRIVATE_LIST = "/api/privateprojects/";
    private static final List<String> LISTS = List.of("/api/projects/", "/api/projects/?status=activeParticipation",
            "/api/projects/?status=futureParticipation", "/api/projects/?status=pastParticipation",
            PRIVATE_LIST, "/api/extprojects/", "/api/plans/");
    private static final List<String> LANGUAGES = List.of("de", "en");

    private static String database;
    private static ConfigurableApplicationContext a;
    private static Http http;
    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);

    @BeforeAll
    static void startAWithEveryKindOfListEntryInMitte() {
        database = TestServices.newPostgresDatabase();
        a = instance(WITHOUT_RENAME);
        http = TestInstances.http(a);
        Fixtures fixtures = new Fixtures(a.getBean(JdbcTemplate.class));
        fixtures.user("admin", true);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        Instant now = Instant.now();
        Fixtures.Phase running = Fixtures.phase(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Fixtures.Phase coming = Fixtures.phase(now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(30)));
        Fixtures.Phase over = Fixtures.phase(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(10)));
        fixtures.project("Spielplatz Ölmühle", organisation).district("mi").topics("URB").module(running).insert();
        fixtures.project("Uferweg", organisation).district("mi").module(coming).insert();
        fixtures.project("Markthalle", organisation).district("mi").module(over).insert();
        fixtures.project("Hofgarten", organisation).district("mi").access("PRIVATE").module(running).insert();
        fixtures.project("Mauerpark", organisation).district("mi").kind("EXTERNAL", "https://mauerpark.example.org/").insert();
        fixtures.plan("Neue Mitte", organisation).district("mi").topics("URB").insert();
    }

    private static ConfigurableApplicationContext instance(String migrations) {
        return TestInstances.startOn(database,
                "--spring.flyway.locations=" + migrations,
                "--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + PREFIX,
                "--projekte.cache.refresh-ahead=false",
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + TestServices.redisPort());
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void aStartThatMigratesReferenceDataEvictsEveryListAndOneThatMigratesNothingEvictsNone() {
        readEveryList("\"Mitte\"");
        assertThat(RedisKeys.entries(PREFIX)).as("every list cached in both languages").hasSize(14);

        ConfigurableApplicationContext migrated = instance(WITH_RENAME);
        double changes = changeEvictions(migrated);
        migrated.close();

        assertThat(changes).as("a deploy renamed a district: every list evicted for the change").isEqualTo(ListKey.values().length);
        assertThat(RedisKeys.entries(PREFIX)).isEmpty();
        readEveryList("\"Mitte (neu)\"");
        assertThat(RedisKeys.entries(PREFIX)).hasSize(14);

        ConfigurableApplicationContext restarted = instance(WITH_RENAME);
        changes = changeEvictions(restarted);
        restarted.close();

        // (the start itself invalidates the cache: a writer may have died between commit and eviction, LostEvictionTest)
        assertThat(changes).as("a restart without a new migration raises no change").isZero();
    }

    private static double changeEvictions(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).find("projekte.cache.evictions").tag("reason", "change").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Every list, in both languages, names the district as expected (and so was read and cached). */
    private void readEveryList(String district) {
        Set<String> missing = new TreeSet<>();
        for (String list : LISTS) {
            for (String language : LANGUAGES) {
                Http.Response response = list.equals(PRIVATE_LIST)
                        ? http.get(list, "Accept-Language", language, "Authorization", asAdmin)
                        : http.get(list, "Accept-Language", language);
                assertThat(response.status()).as(list + " " + language).isEqualTo(200);
                if (!response.text().contains("\"district\":" + district)) {
                    missing.add(list + " " + language);
                }
            }
        }
        assertThat(missing).as("lists without district " + district).isEmpty();
    }
}
