package berlin.projekte.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that run the whole application on a real PostgreSQL (this JVM's own
 * database), a real HTTP port, a {@link MutableClock}, and the in-process cache unless a test says
 * otherwise. Classes with the same configuration share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestSupportConfig.class)
public abstract class PostgresTest {

    /** The application's random port (raw-socket tests use it as it is). */
    @LocalServerPort protected int port;
    /** The application under test over HTTP. */
    protected Http http;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestServices::postgresUrl);
        registry.add("spring.datasource.username", TestServices::postgresUser);
        registry.add("spring.datasource.password", () -> "");
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
    }
}
