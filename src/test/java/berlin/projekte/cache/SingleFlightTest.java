package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SingleFlight} alone (ListCacheTest drives it through the cache): reads without a token
 * board the next computation, and nobody waits while holding its lock (the chaos suite found
 * request threads stuck for good when a third read boarded while the leader was still waiting).
 */
class SingleFlightTest {

    private final SingleFlight<Integer> flight = new SingleFlight<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger computations = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static void awaitWaiting(Future<?> read, Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.BLOCKED && !read.isDone()) {
            assertThat(System.nanoTime()).as("the read waits").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void readsWithoutATokenBoardTheNextComputationAndAllAreAnswered() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> flight.run(null, () -> {
            started.countDown();
            await(release);
            return computations.incrementAndGet();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] threads = new Thread[2];
        Future<Integer> boarding = pool.submit(() -> {
            threads[0] = Thread.currentThread();
            return flight.run(null, computations::incrementAndGet);
        });
        while (threads[0] == null) {
            Thread.onSpinWait();
        }
        awaitWaiting(boarding, threads[0]);
        Future<Integer> joining = pool.submit(() -> {
            threads[1] = Thread.currentThread();
            return flight.run(null, computations::incrementAndGet);
        });
        while (threads[1] == null) {
            Thread.onSpinWait();
        }
        awaitWaiting(joining, threads[1]);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(boarding.get(10, TimeUnit.SECONDS)).as("a computation that began after it").isEqualTo(2);
        assertThat(joining.get(10, TimeUnit.SECONDS)).as("the boarded computation, not the first").isEqualTo(2);
        assertThat(computations).hasValue(2);
    }

    @Test
    void readsWithAnEqualTokenJoinTheComputationUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> flight.run("g1", () -> {
            started.countDown();
            await(release);
            return computations.incrementAndGet();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] thread = new Thread[1];
        Future<Integer> second = pool.submit(() -> {
            thread[0] = Thread.currentThread();
            return flight.run("g1", computations::incrementAndGet);
        });
        while (thread[0] == null) {
            Thread.onSpinWait();
        }
        awaitWaiting(second, thread[0]);
        Future<Integer> other = pool.submit(() -> flight.run("g2", computations::incrementAndGet));
        assertThat(other.get(10, TimeUnit.SECONDS)).as("another generation computes at once").isEqualTo(1);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
