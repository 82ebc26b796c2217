package berlin.projekte.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Where another thread of the test is. */
public final class Threads {

    private Threads() {
    }

    /**
     * Until {@code thread} waits (sleeping or parked) inside {@code method} of {@code type}: where an
     * interrupt must land, not a moment before (a thread also waits in the round trip before it).
     */
    public static void awaitWaitingIn(Thread thread, Class<?> type, String method) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!waitingIn(thread, type.getName(), method)) {
            assertThat(System.nanoTime()).as(thread.getName() + " waits in " + type.getSimpleName() + "." + method).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static boolean waitingIn(Thread thread, String type, String method) {
        Thread.State state = thread.getState();
        if (state != Thread.State.TIMED_WAITING && state != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(type) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
