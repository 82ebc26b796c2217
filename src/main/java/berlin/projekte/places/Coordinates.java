package berlin.projekte.places;

import berlin.projekte.web.FieldErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A point on the map (WGS 84): {@code {"lon": ..., "lat": ...}} in JSON. */
public record Coordinates(double lon, double lat) {

    /** The columns lon, lat from {@code column}; null without lon. */
    public static Coordinates read(ResultSet rs, int column) throws SQLException {
        double lon = rs.getDouble(column);
        if (rs.wasNull()) {
            return null;
        }
        return new Coordinates(lon, rs.getDouble(column + 1));
    }

    /** {@code {"lon": ..., "lat": ...}}, or null. */
    public static Map<String, Object> json(Coordinates point) {
        if (point == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lon", point.lon());
        json.put("lat", point.lat());
        return json;
    }

    public void validate(String field, FieldErrors errors) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            errors.add(field + ".lon", "must be between -180 and 180");
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            errors.add(field + ".lat", "must be between -90 and 90");
        }
    }
}
