package berlin.projekte.projects;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The transition job's schedule and lock: ShedLock around the method (so a run triggered by hand
 * takes the same lock), the lock a row of table {@code shedlock} compared in the database's time,
 * so the instances' clocks do not matter. {@code @Scheduled} methods run only while
 * {@code projekte.transitions.enabled} is true (the default).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(interceptMode = EnableSchedulerLock.InterceptMode.PROXY_METHOD, defaultLockAtMostFor = "20m")
class TransitionScheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "projekte.transitions.enabled", havingValue = "true", matchIfMissing = true)
    @EnableScheduling
    static class Enabled {
    }
}
