package berlin.projekte.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand. Until a test sets it, it follows the system clock, so tests that
 * don't care about time see the real one.
 */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public MutableClock(ZoneId zone) {
        this.zone = zone;
    }

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public void advance(Duration duration) {
        fixed.updateAndGet(i -> (i == null ? Instant.now() : i).plus(duration));
    }

    /** Back to the system clock. */
    public void reset() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant instant = fixed.get();
        return instant != null ? instant : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
