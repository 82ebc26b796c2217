package berlin.projekte.projects;

import static berlin.projekte.Rows.instant;

import berlin.projekte.cache.EvictionReason;
import berlin.projekte.cache.Evictions;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The periodic transition job (the original's {@code schedule_reset_cache_for_projects}): every
 * interval (Spring's {@code @Scheduled}), on exactly one instance (ShedLock's {@code @SchedulerLock},
 * a lock row in the database, configured in {@link TransitionScheduling}), it finds the phases of
 * listed projects that start or end between its previous run (on any instance) and the look-ahead,
 * and evicts the lists at each such instant. Instants already past are evicted at once, so a phase
 * created between runs, or a run that came late, is not missed. Entries also expire at their next
 * transition on their own, and are prepared for it ({@link ListCache}), so this job is the second line,
 * not the only one: it leaves the lists prepared for the instant in place.
 */
@Component("transitionJob")
public class TransitionJob {

    private static final Logger log = LoggerFactory.getLogger(TransitionJob.class);
    private static final String LOCK = "transition-job";

    private final JdbcTemplate jdbc;
    private final ListCache cache;
    private final Clock clock;
    private final TransitionProperties properties;
    private final ThreadPoolTaskScheduler scheduler;
    private final Map<Transition, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    public TransitionJob(JdbcTemplate jdbc, ListCache cache, Clock clock, TransitionProperties properties) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.clock = clock;
        this.properties = properties;
        this.scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("transitions-");
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }

    /** A phase start or end at an instant. */
    public record Transition(Instant at, boolean start) {

        /** The lists that change when a phase starts or ends (the eviction table: {@link Evictions}). */
        Set<ListKey> evicts() {
            return Evictions.atPhaseBoundary();
        }
    }

    /**
     * One run if no other instance holds the lock: the run's transitions, or empty when another
     * instance holds it. The lock is held at least most of an interval, so instances that tick at
     * the same rate take turns instead of all running. Scheduled only when
     * {@code projekte.transitions.enabled} (see {@link TransitionScheduling}).
     */
    @Scheduled(fixedDelayString = "${projekte.transitions.interval:10m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "#{@transitionJob.lockAtMostFor()}", lockAtLeastFor = "#{@transitionJob.lockAtLeastFor()}")
    public Optional<List<Transition>> runIfLockFree() {
        try {
            return Optional.of(run());
        } catch (RuntimeException e) {
            // a failed run (database down) must not end the schedule; the next run covers its window
            log.warn("transition job failed: {}", e.toString());
            return Optional.of(List.of());
        }
    }

    /** Twice the interval: a crashed holder blocks the job for at most that long. */
    public String lockAtMostFor() {
        return properties.interval().multipliedBy(2).toString();
    }

    /** Nine tenths of the interval. */
    public String lockAtLeastFor() {
        return properties.interval().multipliedBy(9).dividedBy(10).toString();
    }

    /** Finds the transitions since the previous run up to the look-ahead, evicts or schedules them. */
    public List<Transition> run() {
        Instant now = clock.instant();
        Instant to = now.plus(properties.lookAhead());
        Instant from = previousRun().orElse(now.minus(properties.interval()));
        List<Transition> found = find(from, to);
        for (Transition transition : found) {
            if (!transition.at().isAfter(now)) {
                evict(transition);
            } else {
                scheduled.computeIfAbsent(transition, t -> scheduler.schedule(() -> {
                    scheduled.remove(t);
                    evict(t);
                }, Instant.now().plus(Duration.between(now, t.at()))));
            }
        }
        recordRun(now);
        log.info("transition job: {} phase starts/ends in ({}, {}]: {}", found.size(), from, to, found);
        return found;
    }

    /** Evicts the lists the transition changes, but not those prepared for it: evicting them would only cost a miss. */
    private void evict(Transition transition) {
        Set<ListKey> evicted = new TreeSet<>();
        Set<ListKey> prepared = new TreeSet<>();
        for (ListKey key : transition.evicts()) {
            (cache.preparedFor(key, transition.at()) ? prepared : evicted).add(key);
        }
        log.info("transition at {} ({}): evicting {}, prepared for it {}", transition.at(), transition.start() ? "start" : "end",
                evicted, prepared);
        cache.evict(evicted, EvictionReason.TRANSITION);
    }

    private List<Transition> find(Instant from, Instant to) {
        TreeMap<Instant, List<Transition>> byInstant = new TreeMap<>();
        jdbc.query("select ph.start_date, ph.end_date from phase ph join module m on m.id = ph.module_id"
                        + " join project p on p.id = m.project_id"
                        + " where m.is_draft = false and p.is_draft = false and p.is_archived = false"
                        + " and ((ph.start_date > ? and ph.start_date <= ?) or (ph.end_date > ? and ph.end_date <= ?))",
                rs -> {
                    for (Transition t : List.of(new Transition(instant(rs, 1), true), new Transition(instant(rs, 2), false))) {
                        if (t.at() != null && t.at().isAfter(from) && !t.at().isAfter(to)) {
                            List<Transition> at = byInstant.computeIfAbsent(t.at(), i -> new ArrayList<>());
                            if (!at.contains(t)) {
                                at.add(t);
                            }
                        }
                    }
                },
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to));
        return byInstant.values().stream().flatMap(List::stream).toList();
    }

    private Optional<Instant> previousRun() {
        return jdbc.query("select checked_at from transition_check where id = 1", (rs, n) -> instant(rs, 1)).stream().findFirst();
    }

    private void recordRun(Instant now) {
        if (jdbc.update("update transition_check set checked_at = ? where id = 1", Timestamp.from(now)) == 0) {
            jdbc.update("insert into transition_check (id, checked_at) values (1, ?)", Timestamp.from(now));
        }
    }

    /** Transitions this instance will evict later (for tests and logs). */
    public Set<Transition> pending() {
        return Set.copyOf(scheduled.keySet());
    }
}
