package berlin.projekte.referencedata;

import berlin.projekte.web.FieldErrors;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lookups the write services share: which referenced ids exist (one statement per table for a
 * whole batch), district codes and topic codes.
 */
@Component
public class ReferenceData {

    public static final List<String> TOPICS = List.of("ANT", "WOR", "BUI", "EDU", "CHI", "FIN", "HEA", "INT", "CUL", "NEI", "URB", "ENV", "TRA");

    private final NamedParameterJdbcTemplate jdbc;

    public ReferenceData(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of {@code table} among {@code ids} that exist (a null among them, which Bean Validation reports, is none). */
    public Set<Long> existing(String table, Collection<Long> ids) {
        List<Long> all = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (all.isEmpty()) {
            return Set.of();
        }
        Set<Long> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            found.addAll(jdbc.queryForList("select id from " + table + " where id in (:ids)",
                    new MapSqlParameterSource("ids", chunk), Long.class));
        }
        return found;
    }

    /** District short code to id. */
    public Map<String, Long> districts() {
        Map<String, Long> districts = new HashMap<>();
        jdbc.getJdbcTemplate().query("select short_code, id from district", rs -> {
            districts.put(rs.getString(1), rs.getLong(2));
        });
        return districts;
    }

    public Set<String> topics() {
        return new HashSet<>(jdbc.getJdbcTemplate().queryForList("select code from topic", String.class));
    }

    /** Adds "unknown ..." errors for ids that do not exist. */
    public void checkIds(String table, String field, Collection<Long> ids, FieldErrors errors, String what) {
        ReferenceChecks.ids(field, ids, existing(table, ids), what, errors);
    }
}
