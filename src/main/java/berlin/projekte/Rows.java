package berlin.projekte;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/** Reading and binding instants the same way on PostgreSQL and H2. */
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

    /** Links (topics, members, plans) are sets: sorted, without repeats, so equal sets make equal records. */
    public static <T extends Comparable<T>> List<T> sortedSet(List<T> values) {
        return values == null ? List.of() : values.stream().distinct().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList();
    }
}
