package berlin.projekte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void herokuStyleUrlBecomesJdbcUrlAndCredentials() {
        assertThat(DatabaseUrl.toDatasource("postgres://alice:p%40ss@db.internal:6543/projekte?sslmode=require"))
                .isEqualTo(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://db.internal:6543/projekte?sslmode=require",
                        "spring.datasource.username", "alice",
                        "spring.datasource.password", "p@ss"));
    }

    @Test
    void defaultPortAndNoCredentials() {
        assertThat(DatabaseUrl.toDatasource("postgresql://127.0.0.1/projekte"))
                .isEqualTo(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/projekte"));
    }

    @Test
    void jdbcUrlPassesThroughAndOtherSchemesAreRefused() {
        assertThat(DatabaseUrl.toDatasource("jdbc:postgresql://h/db")).isEqualTo(Map.of("spring.datasource.url", "jdbc:postgresql://h/db"));
        assertThatThrownBy(() -> DatabaseUrl.toDatasource("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composeStyleHostWithUnderscoreAndAPlusInThePassword() {
        assertThat(DatabaseUrl.toDatasource("postgres://u:p%2Bq@db_1:5432/x"))
                .isEqualTo(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://db_1:5432/x",
                        "spring.datasource.username", "u",
                        "spring.datasource.password", "p+q"));
        assertThat(DatabaseUrl.toDatasource("postgres://u:a+b@db:5432/x")).containsEntry("spring.datasource.password", "a+b");
    }

    @Test
    void aMissingHostOrDatabaseFailsWithAClearMessage() {
        assertThatThrownBy(() -> DatabaseUrl.toDatasource("postgres://u:p@:5432/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> DatabaseUrl.toDatasource("postgres://u:p@db:5432/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
        assertThatThrownBy(() -> DatabaseUrl.toDatasource("postgres://u:p@db:5432"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
    }
}
