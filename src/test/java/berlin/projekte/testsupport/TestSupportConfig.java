package berlin.projekte.testsupport;

import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Puts a {@link MutableClock} in place of the application's clock, and counts SQL statements (of requests too). */
@TestConfiguration(proxyBeanMethods = false)
@Import(StatementCounter.Config.class)
public class TestSupportConfig {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(ZoneId.of("Europe/Berlin"));
    }


}
