package berlin.projekte.testsupport;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Puts the shared {@link MutableClock} of an application context back on the system clock after
 * every test, whatever the test did with it: the next test (of any class sharing the context, in
 * any order) starts on real time. Registered in {@code META-INF/spring.factories}.
 */
public class ClockReset implements TestExecutionListener {

    @Override
    public void afterTestMethod(TestContext context) {
        if (context.hasApplicationContext()) {
            context.getApplicationContext().getBeanProvider(MutableClock.class).ifAvailable(MutableClock::reset);
        }
    }
}
