package berlin.projekte.admin;

/** A point on the map (WGS 84): {@code {"lon": ..., "lat": ...}} in JSON. */
public record Coordinates(double lon, double lat) {

    void validate(String field, FieldErrors errors) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            errors.add(field + ".lon", "must be between -180 and 180");
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            errors.add(field + ".lat", "must be between -90 and 90");
        }
    }
}
