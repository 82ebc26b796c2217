package berlin.projekte.accounts;

import berlin.projekte.Rows;
import berlin.projekte.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Row helpers the account services share: row locks, named rows, member link rows
 * ({@code organisation_initiator}, {@code group_member}: an owner column and {@code user_id}).
 */
@Component
class AccountRows {

    private final JdbcClient jdbc;

    AccountRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks a row for the rest of the transaction; 404 when it does not exist. Returns the id. */
    long lock(String table, long id) {
        if (jdbc.sql("select id from " + table + " where id = :id for update").param("id", id).query(Long.class).list().isEmpty()) {
            throw ApiException.notFound();
        }
        return id;
    }

    /** Inserts a row of a table with only a {@code name} column; returns its id. */
    long insertNamed(String table, String name) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into " + table + " (name) values (:name)").param("name", name).update(key, "id");
        return key.getKey().longValue();
    }

    void rename(String table, long id, String name) {
        jdbc.sql("update " + table + " set name = :name where id = :id").param("name", name).param("id", id).update();
    }

    /** Replaces the owner's member rows by these users. */
    void replaceMembers(String table, String ownerColumn, long owner, List<Long> users) {
        jdbc.sql("delete from " + table + " where " + ownerColumn + " = :owner").param("owner", owner).update();
        for (Long user : users) {
            jdbc.sql("insert into " + table + " (" + ownerColumn + ", user_id) values (:owner, :user)").param("owner", owner)
                    .param("user", user).update();
        }
    }

    /** Member user ids by owner: of one owner, or of all when {@code owner} is null. */
    Map<Long, List<Long>> members(String table, String ownerColumn, Long owner) {
        return Rows.grouped(jdbc, "select " + ownerColumn + ", user_id from " + table
                + (owner == null ? "" : " where " + ownerColumn + " = :owner") + " order by user_id",
                owner == null ? Map.of() : Map.of("owner", owner), (rs, n) -> rs.getLong(2));
    }

    /** The rows of a table with {@code id, name}: one, or all when {@code id} is null, by id. */
    <T> List<T> named(String table, Long id, NamedRow<T> row) {
        return jdbc.sql("select id, name from " + table + (id == null ? "" : " where id = :id") + " order by id")
                .params(id == null ? Map.of() : Map.of("id", id))
                .query((rs, n) -> row.of(rs.getLong(1), rs.getString(2))).list();
    }

    interface NamedRow<T> {
        T of(long id, String name);
    }
}
