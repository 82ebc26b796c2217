package berlin.projekte.accounts;

import berlin.projekte.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Row helpers the account services share: row locks, member link rows. */
@Component
class AccountRows {

    private final JdbcTemplate jdbc;

    AccountRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks a row for the rest of the transaction; 404 when it does not exist. Returns the id. */
    long lock(String table, long id) {
        if (jdbc.queryForList("select id from " + table + " where id = ? for update", Long.class, id).isEmpty()) {
            throw ApiException.notFound();
        }
        return id;
    }

    void insertMembers(String sql, long owner, List<Long> users) {
        if (!users.isEmpty()) {
            jdbc.batchUpdate(sql, users.stream().map(u -> new Object[] {owner, u}).toList());
        }
    }

    Map<Long, List<Long>> members(String sql, Object... args) {
        Map<Long, List<Long>> result = new HashMap<>();
        jdbc.query(sql, rs -> { result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); }, args);
        return result;
    }
}
