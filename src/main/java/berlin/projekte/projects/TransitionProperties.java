package berlin.projekte.projects;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periodic transition job: whether it runs, how often, and how far ahead it looks for phases
 * that start or end.
 */
@ConfigurationProperties("projekte.transitions")
public record TransitionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration interval,
        @DefaultValue("10m") Duration lookAhead) {
}
