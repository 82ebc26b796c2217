package berlin.projekte.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real multi-node Redis setups on loopback, started once per test JVM from Debian's
 * {@code redis-server} (which is also Sentinel with {@code --sentinel}), each node a
 * {@link RedisProcess}, and stopped at exit:
 * <ul>
 *   <li>{@link #cluster()}: a Redis Cluster of three masters (no replicas), slots spread by
 *       {@code redis-cli --cluster create};</li>
 *   <li>{@link #sentinel()}: a master, one replica and one Sentinel (quorum 1, down after {@link #DOWN_AFTER_MILLIS}),
 *       so a test can kill the master and see the replica promoted.</li>
 * </ul>
 * Ports come from 7100-7199 in blocks of ten: a block with any port already answering is skipped,
 * and a node that could not bind makes the whole block be tried again one block further.
 */
public final class RedisTopology {

    public static final String MASTER_NAME = "projekte";
    private static final String HOST = "127.0.0.1";
    private static final int FIRST_PORT = 7100;
    private static final int LAST_PORT = 7199;
    /**
     * When Sentinel or the Cluster declares a node down. At 500 ms a loaded 2-core machine (another
     * JVM starting) made Sentinel fail over a healthy master in the middle of the eviction table, so
     * a warm entry answered MISS; a real failover test kills the master and waits longer instead.
     */
    private static final int DOWN_AFTER_MILLIS = 5000;
    private static int nextBlock = FIRST_PORT;
    private static RedisTopology cluster;
    private static RedisTopology sentinel;

    private final List<RedisProcess> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path dir;

    private RedisTopology(String name) {
        try {
            dir = Files.createTempDirectory("projekte-redis-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The cluster's three master ports. */
    public static synchronized RedisTopology cluster() {
        if (cluster == null) {
            cluster = startInSomeBlock("cluster", RedisTopology::startCluster);
        }
        return cluster;
    }

    /** Ports: master, replica, Sentinel. */
    public static synchronized RedisTopology sentinel() {
        if (sentinel == null) {
            sentinel = startInSomeBlock("sentinel", RedisTopology::startSentinel);
        }
        return sentinel;
    }

    private interface Starter {
        void start(RedisTopology topology, int base);
    }

    private static RedisTopology startInSomeBlock(String name, Starter starter) {
        while (nextBlock + 9 <= LAST_PORT) {
            int base = nextBlock;
            nextBlock += 10;
            if (anyAnswering(base)) {
                continue;
            }
            RedisTopology topology = new RedisTopology(name);
            try {
                starter.start(topology, base);
                return topology;
            } catch (IllegalStateException bindFailed) {
                topology.stop();
            }
        }
        throw new IllegalStateException("no free block of ports in " + FIRST_PORT + "-" + LAST_PORT + " for Redis " + name);
    }

    private static boolean anyAnswering(int base) {
        for (int port = base; port < base + 10; port++) {
            if (TestServices.reachable(port)) {
                return true;
            }
        }
        return false;
    }

    private static void startCluster(RedisTopology topology, int base) {
        for (int i = 0; i < 3; i++) {
            int port = base + i;
            topology.node(port, "--cluster-enabled", "yes", "--cluster-config-file",
                    topology.dir.resolve("nodes-" + port + ".conf").toString(), "--cluster-node-timeout", Integer.toString(DOWN_AFTER_MILLIS));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        topology.ports.forEach(port -> create.add(HOST + ":" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create);
        for (int port : topology.ports) {
            await(() -> run(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info")).contains("cluster_state:ok"),
                    "cluster state ok on " + port);
        }
    }

    private static void startSentinel(RedisTopology topology, int base) {
        topology.node(base);
        topology.node(base + 1, "--replicaof", HOST, Integer.toString(base));
        await(() -> run(List.of("redis-cli", "-p", Integer.toString(base + 1), "info", "replication"))
                .contains("master_link_status:up"), "replica in sync");
        Path conf = topology.dir.resolve("sentinel.conf");
        try {
            Files.writeString(conf, String.join("\n",
                    "port " + (base + 2), "bind " + HOST, "daemonize no", "dir " + topology.dir,
                    "sentinel monitor " + MASTER_NAME + " " + HOST + " " + base + " 1",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                    "sentinel failover-timeout " + MASTER_NAME + " 10000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topology.start(base + 2, List.of(RedisProcess.binary(), conf.toString(), "--sentinel"));
        await(() -> run(List.of("redis-cli", "-p", Integer.toString(base + 2), "sentinel", "replicas", MASTER_NAME))
                .contains(Integer.toString(base + 1)), "Sentinel sees the replica");
    }

    private void node(int port, String... options) {
        List<String> more = new ArrayList<>(List.of("--dir", dir.toString()));
        more.addAll(List.of(options));
        start(port, RedisProcess.serverCommand(port, more));
    }

    /** Starts a node; an IllegalStateException if it could not bind its port (then the next block is tried). */
    private void start(int port, List<String> command) {
        RedisProcess node = RedisProcess.start(port, command, Map.of(),
                ProcessBuilder.Redirect.to(dir.resolve("redis-" + port + ".log").toFile()));
        if (node == null) {
            throw new IllegalStateException("redis-server did not start on " + port);
        }
        nodes.add(node);
        ports.add(port);
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** {@code 127.0.0.1:7100,127.0.0.1:7101,...} of the given ports, for Spring's node lists. */
    public static String nodes(List<Integer> ports) {
        return ports.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    /** kill -9 of the node on this port. */
    public void kill(int port) {
        nodes.get(ports.indexOf(port)).kill();
    }

    /** The master's port as the Sentinel reports it now. */
    public int sentinelMaster() {
        String answer = run(List.of("redis-cli", "-p", Integer.toString(ports.get(2)), "sentinel",
                "get-master-addr-by-name", MASTER_NAME));
        return Integer.parseInt(answer.strip().split("\\s+")[1]);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void await(Condition condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            RedisProcess.sleep(100);
        }
    }

    /**
     * Whether Debian's (or any) {@code redis-server} is installed: the Cluster and Sentinel tests need
     * it ({@code .ci/run} installs it); on a machine without it they are skipped with that reason.
     */
    public static boolean installed() {
        return RedisProcess.installedBinary().isPresent();
    }

    /** {@code @EnabledIf} condition of the Cluster and Sentinel test classes. */
    public static final String INSTALLED = "berlin.projekte.testsupport.RedisTopology#installed";
    public static final String NOT_INSTALLED = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";

    private void stop() {
        nodes.forEach(RedisProcess::close);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it anyway
        }
    }
}
