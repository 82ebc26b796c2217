package berlin.projekte.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The clock-step facility itself ({@link ClockShiftedRedis}, the shim {@code src/test/c/clock-shift.c}):
 * a step moves Redis's wall clock while it runs, expiry follows it, and the monotonic clock does not move.
 */
@EnabledIf(value = ClockShiftedRedis.AVAILABLE, disabledReason = ClockShiftedRedis.NOT_AVAILABLE)
class ClockShiftedRedisTest {

    /** A loaded 2-core machine: reading a clock in two processes may be this far apart (a step is 10 s). */
    private static final long TOLERANCE_MILLIS = 500;
    private static final Duration STEP = Duration.ofSeconds(10);

    private final ClockShiftedRedis redis = new ClockShiftedRedis();
    private final LettuceConnectionFactory factory = RedisFixtures.factory(redis.port, RedisFixtures.TIMEOUT);

    @AfterEach
    void close() {
        factory.destroy();
        redis.close();
    }

    @Test
    void redisTimeStepsForwardAndBack() {
        assertThat(skewMillis()).as("before any step").isBetween(-TOLERANCE_MILLIS, TOLERANCE_MILLIS);
        redis.step(STEP);
        assertThat(skewMillis()).as("after +10 s").isBetween(10_000 - TOLERANCE_MILLIS, 10_000 + TOLERANCE_MILLIS);
        redis.step(STEP.negated());
        assertThat(skewMillis()).as("after +10 s, -10 s").isBetween(-TOLERANCE_MILLIS, TOLERANCE_MILLIS);
        redis.step(STEP.negated());
        assertThat(skewMillis()).as("after another -10 s").isBetween(-10_000 - TOLERANCE_MILLIS, -10_000 + TOLERANCE_MILLIS);
        assertThat(redis.offset()).isEqualTo(STEP.negated());
    }

    @Test
    void expiryFollowsTheSteppedClock() {
        try (RedisConnection connection = factory.getConnection()) {
            var strings = connection.stringCommands();
            strings.set(bytes("lasting"), bytes("kept"));
            strings.set(bytes("five-seconds"), bytes("soon gone"), Expiration.milliseconds(5000), SetOption.UPSERT);

            redis.step(STEP);
            assertThat(strings.get(bytes("five-seconds"))).as("a 5 s key, 10 s later by Redis's clock (ms later in fact)").isNull();
            assertThat(strings.get(bytes("lasting"))).as("Redis keeps its data and answers").isEqualTo(bytes("kept"));

            strings.set(bytes("three-seconds"), bytes("stays"), Expiration.milliseconds(3000), SetOption.UPSERT);
            redis.step(STEP.negated());
            assertThat(connection.keyCommands().pTtl(bytes("three-seconds")))
                    .as("a 3 s key after a -10 s step: its expiry is a point on Redis's clock, now 13 s away")
                    .isBetween(13_000 - TOLERANCE_MILLIS, 13_000L);
            assertThat(strings.get(bytes("three-seconds"))).isEqualTo(bytes("stays"));
        }
    }

    /**
     * A process with the shim preloaded reads the stepped wall clock from clock_gettime, gettimeofday
     * and time, and the machine's CLOCK_MONOTONIC (which System.nanoTime reads) unchanged.
     */
    @Test
    void onlyTheWallClockMoves(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("probe.c");
        Files.writeString(source, """
                #include <stdio.h>
                #include <sys/time.h>
                #include <time.h>
                int main(void) {
                    struct timespec real, mono, coarse;
                    struct timeval tv;
                    clock_gettime(CLOCK_MONOTONIC, &mono);
                    clock_gettime(CLOCK_REALTIME, &real);
                    clock_gettime(CLOCK_REALTIME_COARSE, &coarse);
                    gettimeofday(&tv, NULL);
                    printf("%lld %lld %lld %lld %lld\\n", mono.tv_sec * 1000000000LL + mono.tv_nsec,
                           real.tv_sec * 1000LL + real.tv_nsec / 1000000, coarse.tv_sec * 1000LL + coarse.tv_nsec / 1000000,
                           tv.tv_sec * 1000LL + tv.tv_usec / 1000, (long long) time(NULL) * 1000LL);
                    return 0;
                }
                """);
        Path probe = dir.resolve("probe");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", probe.toString(), source.toString()).inheritIO().start();
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0).as("gcc compiled the probe").isTrue();
        redis.step(STEP.negated());

        long monotonicBefore = System.nanoTime();
        long wallBefore = System.currentTimeMillis();
        ProcessBuilder builder = new ProcessBuilder(probe.toString());
        builder.environment().putAll(redis.environment());
        Process run = builder.start();
        String[] read = new String(run.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
        assertThat(run.waitFor(10, TimeUnit.SECONDS) && run.exitValue() == 0).as("the probe ran").isTrue();
        long monotonicAfter = System.nanoTime();
        long wallAfter = System.currentTimeMillis();

        assertThat(Long.parseLong(read[0])).as("CLOCK_MONOTONIC, untouched").isBetween(monotonicBefore, monotonicAfter);
        long shiftedBefore = wallBefore - STEP.toMillis();
        long shiftedAfter = wallAfter - STEP.toMillis();
        assertThat(Long.parseLong(read[1])).as("CLOCK_REALTIME").isBetween(shiftedBefore, shiftedAfter);
        assertThat(Long.parseLong(read[2])).as("CLOCK_REALTIME_COARSE (ticks of a few ms)").isBetween(shiftedBefore - 20, shiftedAfter);
        assertThat(Long.parseLong(read[3])).as("gettimeofday").isBetween(shiftedBefore, shiftedAfter);
        assertThat(Long.parseLong(read[4])).as("time (whole seconds)").isBetween(shiftedBefore - 1000, shiftedAfter);
    }

    /** Redis's clock minus the machine's, in ms (the machine's read around Redis's). */
    private long skewMillis() {
        Instant before = Instant.now();
        Instant redisTime = redis.redisTime();
        Instant after = Instant.now();
        Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
        return Duration.between(middle, redisTime).toMillis();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
