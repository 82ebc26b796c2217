package berlin.projekte.testsupport;

import java.util.List;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Resets the database to its reference data (topics, districts) before a test. */
public final class TestData {

    /** Every table with test data, children before parents. */
    public static final List<String> TABLES = List.of("plan_project", "plan_topic", "phase", "module", "project_participant",
            "project_moderator", "project_topic", "project", "plan", "group_member", "user_group", "organisation_initiator",
            "app_user", "organisation");

    private TestData() {
    }

    /** Deletes every row but the reference data: one TRUNCATE on PostgreSQL, deletes in FK order elsewhere. */
    public static void reset(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equals(product)) {
            // A refresh-ahead of the previous test may still be reading these tables; PostgreSQL then
            // may pick the TRUNCATE as a deadlock victim. Trying again after the reader finished is safe.
            for (int attempt = 1; ; attempt++) {
                try {
                    jdbc.execute("truncate " + String.join(", ", TABLES) + " cascade");
                    return;
                } catch (PessimisticLockingFailureException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                    sleep(100L * attempt);
                }
            }
        } else {
            TABLES.forEach(table -> jdbc.update("delete from " + table));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
