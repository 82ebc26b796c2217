package berlin.projekte;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every status decision reads, in the platform's time zone (which lists render
 * dates in). Tests replace it to move time instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    @Bean
    Clock clock(@Value("${projekte.time-zone:Europe/Berlin}") ZoneId zone) {
        return Clock.system(zone);
    }
}
