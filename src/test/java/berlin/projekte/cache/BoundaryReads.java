package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.testsupport.TestInstances;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The four lists of {@code /api/projects/} read over HTTP on whole instances whose application clocks a
 * test moves (the phase boundary tests).
 */
final class BoundaryReads {

    /** The lists of {@code /api/projects/}, by path. */
    static final Map<String, ListKey> LISTS = Map.of(
            "/api/projects/", ListKey.PROJECTS,
            "/api/projects/?status=activeParticipation", ListKey.PROJECTS_ACTIVE,
            "/api/projects/?status=futureParticipation", ListKey.PROJECTS_FUTURE,
            "/api/projects/?status=pastParticipation", ListKey.PROJECTS_PAST);

    /**
     * An instance on the test database and the Redis on {@code redisPort}, its application clock a
     * {@link MutableClock}, preparing 5 s ahead, no transition job (the test profile).
     */
    static ConfigurableApplicationContext instance(String prefix, int redisPort, String... settings) {
        List<String> all = new ArrayList<>(List.of("--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + prefix,
                "--projekte.cache.prepare-ahead=5s",
                "--projekte.cache.refresh-ahead=true",
                // a loaded machine may stall a JVM for seconds; that must not look like a Redis outage here
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort));
        all.addAll(List.of(settings));
        return TestInstances.startOnMutableClock(all.toArray(String[]::new));
    }

    /** The instances read, in order. */
    final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    /** Every list on every instance, in order, so that each instance watches when its entries end. */
    void readEveryList() {
        for (ConfigurableApplicationContext instance : instances) {
            for (String path : LISTS.keySet()) {
                assertThat(TestInstances.http(instance).get(path).status()).isEqualTo(200);
            }
        }
    }

    /**
     * The first read of each list after the instant, on each instance: a hit, the project {@code title}
     * in {@code status} (and the unfiltered list) only, and the project {@code never} (if not null) in none.
     */
    void firstReadsAreHits(String status, String title, String never) {
        for (ConfigurableApplicationContext instance : instances) {
            Http http = TestInstances.http(instance);
            for (String path : LISTS.keySet()) {
                Http.Response response = http.get(path);
                assertThat(response.header(ListResponses.X_CACHE)).as(path).isEqualTo("HIT");
                List<String> titles = titles(response);
                boolean expected = path.equals("/api/projects/") || path.endsWith(status);
                assertThat(titles.contains(title)).as(title + " in " + path).isEqualTo(expected);
                if (never != null) {
                    assertThat(titles).as(path).doesNotContain(never);
                }
            }
        }
    }

    static List<String> titles(Http.Response response) {
        List<String> titles = new ArrayList<>();
        for (JsonNode item : response.json()) {
            titles.add(item.get("title").asString());
        }
        return titles;
    }

    void clocks(Instant instant) {
        for (ConfigurableApplicationContext instance : instances) {
            instance.getBean(MutableClock.class).set(instant);
        }
    }

    Map<ConfigurableApplicationContext, Double> counts(String meter) {
        Map<ConfigurableApplicationContext, Double> counts = new HashMap<>();
        instances.forEach(instance -> counts.put(instance, counted(instance, meter)));
        return counts;
    }

    static double counted(ConfigurableApplicationContext instance, String meter) {
        return instance.getBean(MeterRegistry.class).find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            RedisProcess.sleep(20);
        }
    }
}
