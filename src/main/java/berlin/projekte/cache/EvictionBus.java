package berlin.projekte.cache;

import berlin.projekte.changes.Change;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Evictions that cannot be lost: each change's evictions are sent as a PostgreSQL {@code NOTIFY} in
 * its own transaction, and every instance applies the other instances' to the shared store (Redis
 * store on PostgreSQL only). Why, and why a listener evicts everything whenever it starts listening:
 * docs/cache-coherence.md, "The bus" and "Lost evictions"; latency: docs/cache.md, "Evictions".
 *
 * <p>Payload: {@code prefix|sender|sentAtEpochMillis|key,key,...} on channel {@value #CHANNEL};
 * instances of another key prefix ignore it. A <em>marker</em> ({@code #caught-up:n} instead of the
 * keys) is sent by an instance to itself: when it comes back, every eviction committed before it was
 * sent has been applied here ({@link #caughtUp}).
 */
@Component
@ConditionalOnProperty(name = "projekte.cache.store", havingValue = "redis")
class EvictionBus implements SmartLifecycle {

    static final String CHANNEL = "projekte_evictions";
    private static final Logger log = LoggerFactory.getLogger(EvictionBus.class);
    private static final int WAIT_MILLIS = 500;
    private static final long VALIDATE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String MARKER = "#caught-up:";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ListCache cache;
    private final String prefix;
    private final String sender = UUID.randomUUID().toString();
    private final Timer latency;
    private final boolean postgres;
    /** The longest a read waits for its marker; then it computes the list (a lost marker costs speed only). */
    private final Duration markerWait;
    private volatile Thread listener;
    private volatile boolean listening;
    /** Concurrent reads share a marker sent after each of them began (no token: only a flight not yet begun). */
    private final SingleFlight<Boolean> catchUps = new SingleFlight<>();
    private final AtomicLong markers = new AtomicLong();
    private final Map<Long, CompletableFuture<Void>> markersOut = new ConcurrentHashMap<>();

    EvictionBus(DataSource dataSource, ListCache cache, CacheProperties properties, CacheMetrics metrics) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.cache = cache;
        this.prefix = properties.keyPrefix();
        this.latency = Timer.builder("projekte.cache.eviction.notification")
                .description("From a change's commit (NOTIFY) to another instance applying its evictions")
                .register(metrics.registry());
        this.postgres = isPostgres(dataSource);
        this.markerWait = properties.busWait();
        if (postgres) {
            cache.followBus(this::caughtUp);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return true; // unknown now (database down at start): assume the production database
        }
    }

    /** In the change's transaction: if the NOTIFY fails, the change does not commit. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    public void record(Change change) {
        if (!postgres) {
            return;
        }
        String keys = Evictions.keysFor(change).stream().map(ListKey::logicalName).collect(Collectors.joining(","));
        jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, prefix + "|" + sender + "|" + System.currentTimeMillis() + "|" + keys);
    }

    private void listen() {
        boolean again = false;
        while (listener == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                // Notifications sent before this listen are lost to it. At a start too: a writer that died
                // between its commit and its eviction, with no instance listening, left Redis stale.
                log.info("cache: listening to evictions{}; evicting everything, notifications may have been missed",
                        again ? " again" : "");
                cache.evict(EnumSet.allOf(ListKey.class), EvictionReason.MISSED, false);
                listening = true;
                again = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                long validated = System.nanoTime();
                while (listener == Thread.currentThread()) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            apply(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - validated > VALIDATE_NANOS) {
                        if (!connection.isValid(2)) {
                            throw new SQLException("listen connection lost");
                        }
                        validated = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listening) {
                    log.warn("cache: eviction listener lost its database connection ({}); retrying", e.toString());
                }
                listening = false;
                sleep(500);
            }
        }
        listening = false;
    }

    private void apply(String payload) {
        String[] parts = payload.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals(prefix)) {
            return; // another deployment's
        }
        if (parts[3].startsWith(MARKER)) {
            if (parts[1].equals(sender)) {
                CompletableFuture<Void> out = markersOut.get(Long.parseLong(parts[3].substring(MARKER.length())));
                if (out != null) {
                    out.complete(null); // every notification before it has been applied
                }
            }
            return;
        }
        if (parts[1].equals(sender)) {
            return; // our own (already evicted synchronously after commit)
        }
        Set<ListKey> keys = EnumSet.noneOf(ListKey.class);
        Arrays.stream(parts[3].split(",")).forEach(name -> Arrays.stream(ListKey.values())
                .filter(k -> k.logicalName().equals(name)).forEach(keys::add));
        cache.evict(keys, EvictionReason.CHANGE, false);
        latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - Long.parseLong(parts[2]))));
    }

    /**
     * True once every eviction committed before this call began has been applied on this instance: a
     * marker committed after this call began came back through the listener. PostgreSQL delivers
     * notifications in commit order, and the listener applies them one at a time in that order, so
     * every change that committed before the marker (every write whose response returned before the
     * read began) had its evictions applied first. Concurrent calls share a marker sent after each of
     * them began. False when the listener is not listening or the marker did not come back within
     * {@code projekte.cache.bus-wait} (e.g. the listener reconnected meanwhile); a database that cannot
     * be reached throws, as a computation would.
     */
    boolean caughtUp() {
        return catchUps.run(null, this::markerCameBack);
    }

    private boolean markerCameBack() {
        if (!listening) {
            return false;
        }
        long id = markers.incrementAndGet();
        CompletableFuture<Void> back = new CompletableFuture<>();
        markersOut.put(id, back);
        // a connection of its own, committed at once: never the request's transaction, whose NOTIFY would wait for its commit
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            connection.setAutoCommit(true);
            notify.setString(1, CHANNEL);
            notify.setString(2, prefix + "|" + sender + "|" + System.currentTimeMillis() + "|" + MARKER + id);
            notify.execute();
        } catch (SQLException e) {
            markersOut.remove(id);
            DataAccessException translated = jdbc.getExceptionTranslator().translate("marker", null, e);
            throw translated != null ? translated : new UncategorizedSQLException("marker", null, e);
        }
        try {
            back.get(markerWait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            markersOut.remove(id);
        }
    }

    /** True once the listener is subscribed and has evicted what it may have missed (tests wait for it). */
    boolean listening() {
        return listening;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!postgres || listener != null) {
            return;
        }
        Thread thread = new Thread(this::listen, "projekte-eviction-bus");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    @PreDestroy
    public void stop() {
        Thread thread = listener;
        listener = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
