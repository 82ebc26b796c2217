package berlin.projekte.testsupport;

import jakarta.servlet.Filter;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;

/** Puts a {@link MutableClock} in place of the application's clock, and counts SQL statements (of requests too). */
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

    @Bean
    FilterRegistrationBean<Filter> statementCountingFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(StatementCounter.filter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
