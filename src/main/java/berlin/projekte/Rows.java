package berlin.projekte;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Reading and binding instants the same way on PostgreSQL and H2, and the statement skeletons the
 * write-side repositories share: a row's insert and update by column names, ids in chunks, link
 * rows grouped by owner.
 */
public final class Rows {

    private Rows() {
    }

    /** A {@code timestamp with time zone} column as an instant, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The one way an instant is bound as a parameter: an offset date-time in UTC, or null. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Created instants for a batch: a microsecond apart, the last one {@code now}, so that lists by created keep the input order. */
    public static List<Instant> inInputOrder(Instant now, int size) {
        Instant last = now.truncatedTo(ChronoUnit.MICROS);
        return IntStream.range(0, size).mapToObj(i -> last.minus(size - 1 - i, ChronoUnit.MICROS)).toList();
    }

    /** Links (topics, members, plans) are sets: sorted, without repeats, so equal sets make equal records. */
    public static <T extends Comparable<T>> List<T> sortedSet(List<T> values) {
        return values == null ? List.of() : values.stream().distinct().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList();
    }

    /** Inserts a row, each of {@code columns} (comma-separated) bound to the parameter of its name; returns the generated id. */
    public static long insert(JdbcClient jdbc, String table, String columns, SqlParameterSource params) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into " + table + " (" + columns + ") values (" + columns.replaceAll("(\\w+)", ":$1") + ")")
                .paramSource(params).update(key, "id");
        return key.getKey().longValue();
    }

    /** Sets each of {@code columns} (comma-separated) to the parameter of its name in the row of parameter {@code id}. */
    public static void update(JdbcClient jdbc, String table, String columns, SqlParameterSource params) {
        jdbc.sql("update " + table + " set " + columns.replaceAll("(\\w+)", "$1 = :$1") + " where id = :id").paramSource(params).update();
    }

    /** Ids in chunks of at most 1000, to keep an {@code in (:ids)} list within the driver's bind limits. */
    public static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            chunks.add(all.subList(from, Math.min(all.size(), from + 1000)));
        }
        return chunks;
    }

    /** Rows of (owner id, value) as lists by owner, in the query's order; {@code value} reads the row's value. */
    public static <T> Map<Long, List<T>> grouped(JdbcClient jdbc, String sql, Map<String, ?> params, RowMapper<T> value) {
        Map<Long, List<T>> result = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(value.mapRow(rs, 0));
        });
        return result;
    }
}
