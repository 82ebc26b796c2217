package berlin.projekte.places;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A place on the map with its address, as entered for a project or plan. */
public record Point(double lon, double lat, String street, String houseNumber, String zipCode) {

    /** A point from the columns lon, lat, street, house_number, zip_code starting at {@code column}; null without lon. */
    public static Point read(ResultSet rs, int column) throws SQLException {
        double lon = rs.getDouble(column);
        if (rs.wasNull()) {
            return null;
        }
        double lat = rs.getDouble(column + 1);
        return new Point(lon, lat, rs.getString(column + 2), rs.getString(column + 3), rs.getString(column + 4));
    }
}
