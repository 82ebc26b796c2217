package berlin.projekte.places;

import berlin.projekte.web.Json;
import tools.jackson.core.JsonGenerator;

/** Writes a {@link Point} as the GeoJSON Feature the overview map reads. */
public final class GeoJson {

    private GeoJson() {
    }

    /**
     * Writes {@code "point": Feature} or {@code "point": null}. {@code ortsteil} is the project's
     * district name (a point carries no Ortsteil of its own): written only when there is one, as the
     * original renders only the properties its input had; plans have none.
     */
    public static void writePoint(JsonGenerator g, Point point, String ortsteil) {
        g.writeName("point");
        if (point == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("type", "Feature");
        g.writeName("geometry");
        g.writeStartObject();
        g.writeStringProperty("type", "Point");
        g.writeName("coordinates");
        g.writeStartArray();
        g.writeNumber(point.lon());
        g.writeNumber(point.lat());
        g.writeEndArray();
        g.writeEndObject();
        g.writeName("properties");
        g.writeStartObject();
        // The original sends null, not "", for an address part nobody entered.
        Json.writeStringOrNull(g, "strasse", emptyAsNull(point.street()));
        Json.writeStringOrNull(g, "haus", emptyAsNull(point.houseNumber()));
        Json.writeStringOrNull(g, "plz", emptyAsNull(point.zipCode()));
        if (emptyAsNull(ortsteil) != null) {
            g.writeStringProperty("ortsteil", ortsteil);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
