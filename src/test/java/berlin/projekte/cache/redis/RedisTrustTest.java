package berlin.projekte.cache.redis;

import berlin.projekte.cache.CacheMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** When an instance trusts Redis again after a failure: the bookkeeping alone, and what it logs and counts. */
class RedisTrustTest {

    private final CacheMetrics metrics = RedisFixtures.metrics("redis");
    private final AtomicInteger earlyRetries = new AtomicInteger();
    private final RedisTrust trust = new RedisTrust(metrics, "p:{v2}:", earlyRetries::incrementAndGet);
    private final Logger storeLog = (Logger) LoggerFactory.getLogger(RedisStore.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        storeLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        storeLog.detachAppender(logged);
    }

    private List<String> messages() {
        return logged.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private double errors(String operation) {
        return metrics.registry().get("projekte.cache.redis.errors").tag("operation", operation).counter().count();
    }

    @Test
    void aNewInstanceTrustsRedisAndItsRefreshesInvalidateNothing() {
        assertThat(trust.trusted()).isTrue();
        trustedAgainByARefreshThatKeptTheEntries();
    }

    /** The next refresh needs no invalidation and makes Redis trusted, without a word in the log or a retry. */
    private void trustedAgainByARefreshThatKeptTheEntries() {
        RedisTrust.Refresh refresh = trust.refreshing();
        assertThat(refresh.invalidate()).isFalse();
        trust.refreshed(refresh);
        assertThat(trust.trusted()).isTrue();
        assertThat(messages()).isEmpty();
        assertThat(earlyRetries).hasValue(0);
    }

    @Test
    void aFailureOfUnknownOutcomeIsTrustedAgainOnlyAfterARefreshThatInvalidatedEverything() {
        long mark = trust.mark();
        assertThat(trust.failedSince(mark)).isFalse();
        trust.failed("evict", null);
        assertThat(trust.failedSince(mark)).as("a read that overlapped it").isTrue();
        assertThat(trust.failedSince(trust.mark())).isFalse();
        assertThat(trust.trusted()).isFalse();
        assertThat(earlyRetries).as("the liveness task runs early").hasValue(1);
        assertThat(errors("evict")).as("no Redis error: only distrusted").isZero();

        RedisTrust.Refresh refresh = trust.refreshing();
        assertThat(refresh.invalidate()).isTrue();
        trust.refreshed(refresh);
        assertThat(trust.trusted()).isTrue();
        assertThat(trust.refreshing().invalidate()).as("recovered: the next refresh keeps the entries").isFalse();
    }

    @Test
    void aDroppedConnectionCountsAsAFailureOfUnknownOutcome() {
        trust.readOrConnectionFailed("put", new RedisConnectionException("dropped"));
        assertThat(trust.trusted()).isFalse();
        assertThat(trust.refreshing().invalidate()).isTrue();
        assertThat(errors("put")).isEqualTo(1);
    }

    @Test
    void aTimeoutPausesReadsUntilTheNextRefreshAndKeepsTheEntries() {
        long mark = trust.mark();
        trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("slow"));
        assertThat(trust.trusted()).isFalse();
        assertThat(trust.failedSince(mark)).as("nothing of unknown outcome").isFalse();
        assertThat(errors("get")).isEqualTo(1);
        assertThat(earlyRetries).hasValue(1);
        RedisTrust.Refresh refresh = trust.refreshing();
        assertThat(refresh.invalidate()).isFalse();
        trust.refreshed(refresh);
        assertThat(trust.trusted()).isTrue();
    }

    @Test
    void aFailureWhileARefreshRunsNeedsTheNextRefresh() {
        trust.failed("evict", new RedisConnectionException("dropped"));
        RedisTrust.Refresh refresh = trust.refreshing();
        trust.failed("evict", new RedisConnectionException("dropped again"));
        trust.refreshed(refresh);
        assertThat(trust.trusted()).isFalse();
        trust.refreshed(trust.refreshing());
        assertThat(trust.trusted()).isTrue();

        RedisTrust.Refresh next = trust.refreshing();
        trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("slow"));
        trust.refreshed(next);
        assertThat(trust.trusted()).as("the timeout came after the refresh began").isFalse();
        trust.refreshed(trust.refreshing());
        assertThat(trust.trusted()).isTrue();
    }

    /** A start: Redis may hold what a writer that died before its eviction left stale (LostEvictionTest). */
    @Test
    void atStartNothingIsReadBeforeARefreshInvalidatedEverythingSilently() {
        trust.starting();
        assertThat(trust.trusted()).isFalse();
        RedisTrust.Refresh refresh = trust.refreshing();
        assertThat(refresh.invalidate()).isTrue();
        trust.refreshed(refresh);
        assertThat(trust.trusted()).isTrue();
        assertThat(messages()).isEmpty();
        assertThat(earlyRetries).hasValue(0);
    }

    @Test
    void anOutageIsLoggedOnceWhenItBeginsAndOnceWhenRedisIsTrustedAgain() {
        trust.failed("evict", new IllegalStateException("boom"));
        RedisTrust.Refresh refresh = trust.refreshing();
        trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("slow"));
        trust.refreshed(refresh); // invalidated, but not trusted yet: the timeout came after it began
        assertThat(messages()).containsExactly("WARN cache: Redis evict failed (java.lang.IllegalStateException: boom);"
                + " serving from the database and remembering evictions until Redis answers again");
        trust.refreshed(trust.refreshing());
        trust.refreshed(trust.refreshing());
        assertThat(messages()).hasSize(2).last().isEqualTo("INFO cache: Redis answers again");

        trust.failed("evict", null);
        trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("slow"));
        assertThat(messages()).hasSize(3).last().isEqualTo("WARN cache: Redis evict failed (not trusted);"
                + " serving from the database and remembering evictions until Redis answers again");
        trust.refreshed(trust.refreshing());
        assertThat(messages()).hasSize(4).last()
                .isEqualTo("INFO cache: Redis answers again; invalidated every entry of p:{v2}:* before trusting it");
        trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("slow"));
        assertThat(messages()).hasSize(5);
    }
}
