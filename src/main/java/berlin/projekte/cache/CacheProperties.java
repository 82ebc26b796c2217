package berlin.projekte.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code projekte.cache.*}: which store holds the lists, how long an entry lives at most, the
 * prefix of physical Redis keys, and whether evicted entries are recomputed in the background.
 *
 * @param store        {@code memory} (in-process Caffeine; the embedded default), {@code redis}
 *                     (shared by all instances; the production profile) or {@code none} (always
 *                     compute; for benchmarks)
 * @param timeout      the longest an entry lives; it also never outlives the next phase start or end
 *                     among its projects
 * @param keyPrefix    first part of every physical Redis key ({@code prefix:{v2}:plans:de})
 * @param refreshAhead recompute evicted entries in the background
 * @param aliveTtl     Redis only: lifetime of the liveness key the instances refresh (every quarter of
 *                     it); when Redis was unreachable or frozen for longer, every entry it kept is
 *                     invalidated before it is trusted again (docs/cache-coherence.md)
 * @param nearLease    Redis only: how long an instance serves its near copies without asking Redis,
 *                     renewed every quarter of it; an eviction waits for the other instances'
 *                     acknowledgements, at most the longest lease among them ({@link berlin.projekte.cache.redis.NearLeases});
 *                     0 asks Redis on every read
 * @param prepareAhead how long before an entry ends (a phase start or end, or its timeout) the list as
 *                     of that instant is computed and stored beside it, if the list was read since it was
 *                     stored; 0 prepares nothing (docs/cache-coherence.md, "Prepared entries")
 * @param busWait      Redis on PostgreSQL only: while Redis is not trusted, the longest a read of a list
 *                     prepared in process waits for its marker to come back through the eviction bus;
 *                     then it computes the list (docs/cache-coherence.md, "Redis down at the instant")
 */
@ConfigurationProperties("projekte.cache")
public record CacheProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue("1h") Duration timeout,
        @DefaultValue("projekte") String keyPrefix,
        @DefaultValue("true") boolean refreshAhead,
        @DefaultValue("2s") Duration aliveTtl,
        @DefaultValue("1s") Duration nearLease,
        @DefaultValue("5s") Duration prepareAhead,
        @DefaultValue("250ms") Duration busWait) {

    @ConstructorBinding
    public CacheProperties {
    }

    /** Without preparation ahead (tests of the other settings). */
    public CacheProperties(Store store, Duration timeout, String keyPrefix, boolean refreshAhead, Duration aliveTtl, Duration nearLease) {
        this(store, timeout, keyPrefix, refreshAhead, aliveTtl, nearLease, Duration.ZERO, Duration.ofMillis(250));
    }

    public enum Store {
        MEMORY, REDIS, NONE
    }
}
