package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code createsuperuser} bootstraps the write API on an empty database and resets a password. */
class CreateSuperuserCommandTest extends PostgresTest {

    @Autowired CreateSuperuserCommand command;
    @Autowired JdbcTemplate jdbc;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void emptyDatabase() {
        TestData.reset(jdbc);
    }

    private int run(String... args) {
        out.reset();
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private int usersStatus(String username, String password) {
        return http.get("/api/admin/users", "Authorization", Http.basic(username, password)).status();
    }

    @Test
    void createsThenResetsASuperuserWhoCanUseTheWriteApi() {
        assertThat(usersStatus("ops", "first-pw")).isEqualTo(401);

        assertThat(run("--username", "ops", "--password", "first-pw")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created superuser ops");
        assertThat(usersStatus("ops", "first-pw")).isEqualTo(200);

        jdbc.update("update app_user set is_superuser = false where username = 'ops'");
        assertThat(run("--password", "second-pw", "--username", "ops")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reset the password of ops");
        assertThat(usersStatus("ops", "second-pw")).isEqualTo(200);
        assertThat(usersStatus("ops", "first-pw")).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isEqualTo(1);
    }

    @Test
    void rejectsIncompleteOrUnknownOptions() {
        for (List<String> bad : List.of(List.<String>of(), List.of("--username", "ops"), List.of("--username"),
                List.of("--username", "ops", "--password", ""), List.of("--user", "ops", "--password", "pw"))) {
            assertThat(run(bad.toArray(String[]::new))).as(bad.toString()).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: createsuperuser");
        }
        assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isZero();
    }
}
