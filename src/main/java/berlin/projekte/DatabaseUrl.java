package berlin.projekte;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Reads the operator's {@code DATABASE_URL} ({@code postgres://user:password@host:port/database}, as
 * hosting platforms set it) into Spring's datasource properties. {@code SPRING_DATASOURCE_*}
 * variables, if set, win over it.
 */
public class DatabaseUrl implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        if (url == null || url.isBlank() || environment.containsProperty("SPRING_DATASOURCE_URL")) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("DATABASE_URL", toDatasource(url)));
    }

    /**
     * {@code postgres://user:password@host:port/database?params} to a JDBC URL and credentials.
     * Parsed by Spring (a host such as {@code db_1}, usual for compose services, is kept, where
     * {@link java.net.URI} gives none); user and password are percent-decoded ({@code %2B} is
     * {@code +}, a {@code +} stays a {@code +}). A missing host or database fails at start.
     */
    static Map<String, Object> toDatasource(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:")) {
            return Map.of("spring.datasource.url", databaseUrl);
        }
        UriComponents uri = UriComponentsBuilder.fromUriString(databaseUrl).build();
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/database or a jdbc: URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL has no host: postgres://user:password@host:port/database");
        }
        String path = uri.getPath();
        if (path == null || path.replace("/", "").isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL has no database: postgres://user:password@host:port/database");
        }
        Map<String, Object> properties = new HashMap<>();
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
        properties.put("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + path + query);
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            properties.put("spring.datasource.username", decode(parts[0]));
            properties.put("spring.datasource.password", parts.length > 1 ? decode(parts[1]) : "");
        }
        return properties;
    }

    private static String decode(String part) {
        return UriUtils.decode(part, StandardCharsets.UTF_8);
    }
}
