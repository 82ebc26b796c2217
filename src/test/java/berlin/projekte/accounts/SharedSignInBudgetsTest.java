package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.RedisTopology;
import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one PostgreSQL and one Redis, as behind a reverse proxy: each client's address
 * comes in {@code X-Forwarded-For} ({@code server.forward-headers-strategy=native}; the test's
 * loopback connection is one of Tomcat's internal proxies). The sign-in budgets (defaults: 10 failures
 * a minute per account, 50 per address) are shared through Redis, so the two instances together allow
 * what one does. Each test uses its own usernames and addresses (the buckets outlive a test).
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedSignInBudgetsTest {

    private static final String PREFIX = RedisKeys.uniquePrefix("sign-in");
    private static final String UNREACHABLE = "Redis cannot be asked for the shared sign-in budgets";
    /** One regained failure of the account budget: a minute's 10, one by one. */
    private static final Duration ACCOUNT_REFILL = Duration.ofSeconds(6);
    /** One regained failure of the address budget: a minute's 50. */
    private static final Duration ADDRESS_REFILL = Duration.ofMillis(1200);

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static List<Http> instances;
    private static JdbcTemplate jdbc;
    private static Fixtures fixtures;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @BeforeAll
    static void startTwoInstances() {
        a = instance(TestServices.redisPort(), "2s");
        b = instance(TestServices.redisPort(), "2s");
        instances = List.of(TestInstances.http(a), TestInstances.http(b));
        jdbc = a.getBean(JdbcTemplate.class);
        TestData.reset(jdbc);
        fixtures = new Fixtures(jdbc);
    }

    /** An instance on the Redis at {@code redisPort}, with the cache's prefix and Redis timeouts. */
    static ConfigurableApplicationContext instance(int redisPort, String redisTimeout) {
        return TestInstances.start("--projekte.cache.store=redis", "--projekte.cache.key-prefix=" + PREFIX,
                "--projekte.cache.alive-ttl=5m", "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--spring.data.redis.timeout=" + redisTimeout, "--spring.data.redis.connect-timeout=" + redisTimeout,
                "--server.forward-headers-strategy=native");
    }

    @AfterAll
    static void stop() {
        TestInstances.stop(PREFIX, a, b);
    }

    @Test
    void sixtyResidentsFromTheirOwnAddressesMistypeOnceThenSignIn() throws Exception {
        for (int i = 0; i < 60; i++) {
            fixtures.user("resident-" + i, false);
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<int[]>> residents = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String username = "resident-" + i;
                String from = newAddress();
                int first = i % 2;
                residents.add(pool.submit(() -> new int[] {
                        signIn(instances.get(first), from, username, "typo").status(),
                        signIn(instances.get(1 - first), from, username, Fixtures.PASSWORD).status()}));
            }
            for (Future<int[]> resident : residents) {
                int[] pair = resident.get();
                assertThat(pair[0]).as("the typo").isEqualTo(401);
                statuses.merge(pair[1], 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).as("the second tries").isEqualTo(Map.of(200, 60));
    }

    @Test
    void oneAddressTryingTwoHundredNamesIsThrottledWhileResidentsSignIn() throws Exception {
        for (int i = 0; i < 30; i++) {
            fixtures.user("neighbour-" + i, false);
        }
        String attacker = newAddress();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<Integer, Integer>> attack = pool.submit(() -> {
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (int i = 0; i < 200; i++) {
                    statuses.merge(signIn(instances.get(i % 2), attacker, "stuffed-" + i, "password1").status(), 1, Integer::sum);
                }
                return statuses;
            });
            Future<Map<Integer, Integer>> residents = pool.submit(() -> {
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (int i = 0; i < 30; i++) {
                    statuses.merge(signIn(instances.get(i % 2), newAddress(), "neighbour-" + i, Fixtures.PASSWORD).status(), 1,
                            Integer::sum);
                }
                return statuses;
            });
            assertThat(residents.get()).as("the residents").isEqualTo(Map.of(200, 30));
            Map<Integer, Integer> attacked = attack.get();
            assertThat(attacked.keySet()).as("the attacker: " + attacked).containsOnly(401, 429);
            // the address budget (50 a minute) is shared: one more on the other instance at most, and what it regained meanwhile
            long regained = Duration.ofNanos(System.nanoTime() - start).dividedBy(ADDRESS_REFILL);
            assertThat(attacked.get(401)).as("password checks for the attacking address: " + attacked).isBetween(50, 50 + 1 + (int) regained);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBruteForceOnOneAccountAlternatingInstancesAndAddressesGetsOneBudget() {
        fixtures.user("brute-target", false);
        bruteForce(instances, "brute-target");
    }

    /** The same on a Redis Cluster and behind Sentinel: Lettuce's cluster client, and a client that asks Sentinel for the master. */
    @Test
    void aBruteForceGetsOneBudgetOnRedisClusterAndBehindSentinelToo() {
        assumeTrue(RedisTopology.installed(), RedisTopology.NOT_INSTALLED);
        Map<String, String[]> topologies = Map.of(
                "cluster", new String[] {"--spring.data.redis.cluster.nodes=" + RedisTopology.nodes(RedisTopology.cluster().ports())},
                "sentinel", new String[] {"--spring.data.redis.sentinel.master=" + RedisTopology.MASTER_NAME,
                        "--spring.data.redis.sentinel.nodes=" + RedisTopology.nodes(RedisTopology.sentinel().ports().subList(2, 3))});
        for (Map.Entry<String, String[]> topology : topologies.entrySet()) {
            String prefix = RedisKeys.uniquePrefix("sign-in-" + topology.getKey());
            List<ConfigurableApplicationContext> pair = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    List<String> settings = new ArrayList<>(List.of("--projekte.cache.store=redis", "--projekte.cache.key-prefix=" + prefix,
                            "--projekte.cache.alive-ttl=5m", "--spring.data.redis.timeout=2s", "--spring.data.redis.connect-timeout=2s",
                            "--server.forward-headers-strategy=native"));
                    settings.addAll(List.of(topology.getValue()));
                    pair.add(TestInstances.start(settings.toArray(String[]::new)));
                }
                String target = "brute-" + topology.getKey();
                fixtures.user(target, false);
                bruteForce(pair.stream().map(TestInstances::http).toList(), target);
            } finally {
                pair.forEach(ConfigurableApplicationContext::close);
            }
        }
    }

    /** Forty wrong passwords for {@code target}, alternating between the instances, each from a new address. */
    private static void bruteForce(List<Http> instances, String target) {
        long start = System.nanoTime();
        int checks = 0;
        int throttled = 0;
        for (int i = 0; i < 40; i++) {
            int status = signIn(instances.get(i % 2), newAddress(), target, "guess-" + i).status();
            assertThat(status).isIn(401, 429);
            if (status == 401) {
                checks++;
            } else {
                throttled++;
            }
        }
        long regained = Duration.ofNanos(System.nanoTime() - start).dividedBy(ACCOUNT_REFILL);
        assertThat(checks).as(target + ": password checks (" + regained + " failures regained meanwhile)")
                .isBetween(10, 10 + 1 + (int) regained);
        assertThat(throttled).isPositive();
        assertThat(signIn(instances.get(0), newAddress(), target, Fixtures.PASSWORD).status())
                .as("the right password meanwhile, on either instance").isEqualTo(429);
        assertThat(signIn(instances.get(1), newAddress(), target, Fixtures.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void whileRedisIsDownEachInstanceCountsOnItsOwnAndSignInStillWorks(CapturedOutput log) {
        fixtures.user("outage-target", false);
        fixtures.user("outage-resident", false);
        try (TcpLink link = new TcpLink(TestServices.redisPort())) {
            ConfigurableApplicationContext c = instance(link.port(), "250ms");
            try {
                Http http = TestInstances.http(c);
                for (int i = 0; i < 4; i++) {
                    assertThat(signIn(http, newAddress(), "outage-target", "guess").status()).isEqualTo(401);
                }
                link.cut();
                // a sign-in with no failure behind it is decided in memory: Redis is not asked (nor missed)
                assertThat(signIn(http, newAddress(), "outage-resident", Fixtures.PASSWORD).status()).isEqualTo(200);
                assertThat(log.getAll()).doesNotContain(UNREACHABLE);
                int checks = 4;
                int status;
                long slowest = 0;
                do {
                    long start = System.nanoTime();
                    status = signIn(http, newAddress(), "outage-target", "guess").status();
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    checks += status == 401 ? 1 : 0;
                } while (status == 401 && checks < 30);
                assertThat(status).as("after " + checks + " checks, Redis down").isEqualTo(429);
                assertThat(checks).as("the instance's own budget, its failures before the outage counted too").isBetween(10, 12);
                assertThat(Duration.ofNanos(slowest)).as("no sign-in waits for Redis long").isLessThan(Duration.ofSeconds(2));
                assertThat(signIn(http, newAddress(), "outage-resident", Fixtures.PASSWORD).status()).isEqualTo(200);
                assertThat(log.getAll()).as("a failure asks Redis").contains(UNREACHABLE);
            } finally {
                c.close();
            }
        }
    }

    private static Http.Response signIn(Http instance, String from, String username, String password) {
        return instance.get("/api/privateprojects/", "Authorization", Http.basic(username, password), "X-Forwarded-For", from);
    }

    /** An address no test used: 198.18.0.0/15 (benchmarking), outside Tomcat's internal proxies. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }
}
