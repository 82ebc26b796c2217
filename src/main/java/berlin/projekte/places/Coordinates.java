package berlin.projekte.places;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A point on the map (WGS 84): {@code {"lon": ..., "lat": ...}} in JSON, both required. */
public record Coordinates(
        @JsonProperty(required = true) @DecimalMin(value = "-180", message = LON) @DecimalMax(value = "180", message = LON) double lon,
        @JsonProperty(required = true) @DecimalMin(value = "-90", message = LAT) @DecimalMax(value = "90", message = LAT) double lat) {

    private static final String LON = "must be between -180 and 180";
    private static final String LAT = "must be between -90 and 90";

    /** The columns lon, lat from {@code column}; null without lon. */
    public static Coordinates read(ResultSet rs, int column) throws SQLException {
        double lon = rs.getDouble(column);
        if (rs.wasNull()) {
            return null;
        }
        return new Coordinates(lon, rs.getDouble(column + 1));
    }
}
