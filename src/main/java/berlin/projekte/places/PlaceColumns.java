package berlin.projekte.places;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The place columns that the {@code project} and {@code plan} tables share, bound by their names:
 * {@code lon, lat, street, house_number, zip_code} and the six image columns.
 */
public final class PlaceColumns {

    private PlaceColumns() {
    }

    /** Adds the place columns to {@code params} (lon and lat null without a point); returns {@code params}. */
    public static MapSqlParameterSource bind(MapSqlParameterSource params, Coordinates point, Address address, Images images) {
        return params.addValue("lon", point == null ? null : point.lon()).addValue("lat", point == null ? null : point.lat())
                .addValue("street", address.street()).addValue("house_number", address.houseNumber())
                .addValue("zip_code", address.zipCode())
                .addValue("tile_image", images.tile()).addValue("tile_image_alt_text", images.tileAltText())
                .addValue("tile_image_copyright", images.tileCopyright()).addValue("image", images.header())
                .addValue("image_alt_text", images.headerAltText()).addValue("image_copyright", images.headerCopyright());
    }
}
