package berlin.projekte.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The liveness task's schedule: an hour apart while trusted, so any earlier run is one of the rules below. */
class RedisHeartbeatTest {

    private static final long HOUR = TimeUnit.HOURS.toMillis(1);
    private final AtomicInteger runs = new AtomicInteger();
    private volatile CountDownLatch ran = new CountDownLatch(1);
    private RedisHeartbeat heartbeat;

    @AfterEach
    void close() {
        heartbeat.close();
    }

    private RedisHeartbeat heartbeat(boolean trusted) {
        heartbeat = new RedisHeartbeat(() -> {
            runs.incrementAndGet();
            ran.countDown();
        }, HOUR, 10, () -> trusted);
        return heartbeat;
    }

    @Test
    void whileNotTrustedItRetriesEveryRetryPeriod() throws InterruptedException {
        ran = new CountDownLatch(3);
        heartbeat(false).start();
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("three runs within seconds, not hours").isTrue();
    }

    @Test
    void runNowRunsOnceMoreEachTimeItIsAsked() throws InterruptedException {
        heartbeat(true).start();
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the first run, at start").isTrue();
        for (int extra = 2; extra <= 3; extra++) {
            ran = new CountDownLatch(1);
            heartbeat.runNow();
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("run %d, asked for", extra).isTrue();
        }
    }

    @Test
    void afterAFailureTheNextRegularRunComesSoon() throws InterruptedException {
        heartbeat(true).start();
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        ran = new CountDownLatch(1);
        // asked again until the next regular run (an hour away) is scheduled and brought forward
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            heartbeat.retrySoon();
        } while (!ran.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        assertThat(ran.getCount()).as("brought forward").isZero();
    }

    @Test
    void nothingRunsAfterClose() {
        heartbeat(true).close();
        heartbeat.start();
        heartbeat.runNow();
        heartbeat.retrySoon();
        assertThat(runs).hasValue(0);
    }

    @Test
    void closeWaitsForARunInProgressInsteadOfInterruptingIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        heartbeat = new RedisHeartbeat(() -> {
            running.countDown();
            try {
                finished.set(release.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, HOUR, 10, () -> true);
        heartbeat.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(heartbeat::close);
        Thread.sleep(200);
        assertThat(closing).as("the store must not close its connections under a running refresh").isNotDone();
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(finished).as("not interrupted").isTrue();
    }
}
