package berlin.projekte.testsupport;

import berlin.projekte.ProjekteApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole application instances a test starts and stops itself (two instances on one cache, one
 * behind a cut link, one with another migration), on the test profile and a random port, their
 * requests' SQL statements countable ({@link StatementCounter#get}).
 */
public final class TestInstances {

    private TestInstances() {
    }

    /** An instance on this JVM's test database, with the given {@code --name=value} settings. */
    public static ConfigurableApplicationContext start(String... settings) {
        return startOn(TestServices.postgresUrl(), settings);
    }

    /** An instance on the database at {@code jdbcUrl} (e.g. behind a {@link TcpLink}, or its own). */
    public static ConfigurableApplicationContext startOn(String jdbcUrl, String... settings) {
        return run(StatementCounter.Config.class, jdbcUrl, settings);
    }

    /** An instance on this JVM's test database whose application clock is a {@link MutableClock} the test moves. */
    public static ConfigurableApplicationContext startOnMutableClock(String... settings) {
        return run(TestSupportConfig.class, TestServices.postgresUrl(), settings);
    }

    private static ConfigurableApplicationContext run(Class<?> testConfig, String jdbcUrl, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestServices.postgresUser(), "--spring.datasource.password="));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(ProjekteApplication.class, testConfig).profiles("test")
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    /** Closes the instances that started (null: one that did not) and deletes their Redis keys under this prefix. */
    public static void stop(String redisPrefix, ConfigurableApplicationContext... instances) {
        for (ConfigurableApplicationContext instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        RedisKeys.deleteAll(redisPrefix);
    }

    /** An HTTP client of the instance. */
    public static Http http(ConfigurableApplicationContext instance) {
        return new Http(Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
