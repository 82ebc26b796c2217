package berlin.projekte.testsupport;

import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a {@link MutableClock} in place of the application's clock, and counts SQL statements. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfig {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(ZoneId.of("Europe/Berlin"));
    }

    @Bean
    static StatementCounter statementCounter() {
        return new StatementCounter();
    }
}
