package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.RedisTopology;
import org.junit.jupiter.api.condition.EnabledIf;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Redis failover behind Sentinel under reads and writes: the master is killed (kill -9), Sentinel
 * promotes the replica, the application (production timeouts: 250 ms, liveness 2 s) follows it.
 * No request fails meanwhile, no read that started after a write returned shows an older name, and
 * afterwards the lists are cached again (hits) on the new master.
 */
@EnabledIf(value = RedisTopology.INSTALLED, disabledReason = RedisTopology.NOT_INSTALLED)
class SentinelFailoverTest {

    private static final Pattern NAME = Pattern.compile("Spielplatz (\\d+)");

    private record Read(int startedAfterWrite, int status, int version) {
    }

    @Test
    void killTheMasterAndNothingFailsOrIsStale() throws Exception {
        RedisTopology sentinel = RedisTopology.sentinel();
        String prefix = RedisKeys.uniquePrefix("failover");
        try (ConfigurableApplicationContext app = TestInstances.start("--spring.datasource.hikari.maximum-pool-size=4",
                "--projekte.cache.store=redis", "--projekte.cache.key-prefix=" + prefix,
                "--projekte.cache.refresh-ahead=true", "--spring.data.redis.timeout=250ms",
                "--spring.data.redis.connect-timeout=250ms",
                "--spring.data.redis.sentinel.master=" + RedisTopology.MASTER_NAME,
                "--spring.data.redis.sentinel.nodes=" + RedisTopology.nodes(sentinel.ports().subList(2, 3)))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            TestData.reset(jdbc);
            Fixtures fixtures = new Fixtures(jdbc);
            fixtures.user("admin", true);
            long project = fixtures.project("Spielplatz 0", fixtures.organisation("Bezirksamt Mitte")).insert();
            app.getBean(ListCache.class).clear();
            Http http = TestInstances.http(app);
            awaitHit(http);

            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean reading = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    int before = committed.get();
                    Http.Response response = http.get("/api/projects/");
                    Matcher name = NAME.matcher(response.text());
                    reads.add(new Read(before, response.status(), name.find() ? Integer.parseInt(name.group(1)) : -1));
                }
            });
            reader.start();
            int oldMaster = sentinel.sentinelMaster();
            sentinel.kill(oldMaster);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int version = 0;
            while (sentinel.sentinelMaster() == oldMaster || version < 10) {
                assertThat(System.nanoTime()).as("Sentinel promoted the replica").isLessThan(deadline);
                version++;
                Http.Response written = http.send("PATCH", "/api/admin/projects/" + project,
                        "{\"name\": \"Spielplatz " + version + "\"}", "Authorization", Http.basic("admin", Fixtures.PASSWORD));
                assertThat(written.status()).as(written.text()).isEqualTo(200);
                committed.set(version);
                Thread.sleep(200);
            }
            awaitHit(http);
            reading.set(false);
            reader.join();

            List<Read> all = List.copyOf(reads);
            System.out.printf("sentinel failover: %d reads, %d writes, master %d -> %d%n", all.size(), version, oldMaster,
                    sentinel.sentinelMaster());
            assertThat(all).allSatisfy(read -> assertThat(read.status()).isEqualTo(200));
            assertThat(all).allSatisfy(read -> assertThat(read.version()).as("no stale read")
                    .isGreaterThanOrEqualTo(read.startedAfterWrite()));
            assertThat(http.get("/api/projects/").text()).contains("Spielplatz " + version);
        }
    }

    /** The list is served from Redis (again). */
    private static void awaitHit(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"HIT".equals(http.get("/api/projects/").header(ListResponses.X_CACHE))) {
            assertThat(System.nanoTime()).as("cached in Redis").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
