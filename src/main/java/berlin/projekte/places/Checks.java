package berlin.projekte.places;

import berlin.projekte.web.FieldErrors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field rules shared by projects and plans. */
public final class Checks {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2200;

    private Checks() {
    }

    /** Empty, an http(s) URL or a site path: never {@code javascript:} or another scheme a page would run. */
    public static void url(String field, String value, int maxLength, FieldErrors errors) {
        errors.text(field, value, false, maxLength);
        if (value != null && !value.isEmpty() && !(value.startsWith("https://") || value.startsWith("http://")
                || (value.startsWith("/") && !value.startsWith("//")))) {
            errors.add(field, "must be an http(s) URL or a path starting with /");
        }
        if (value != null && value.chars().anyMatch(c -> c <= ' ')) {
            errors.add(field, "must not contain spaces or control characters");
        }
    }

    public static void images(Images images, FieldErrors errors) {
        url("tile_image", images.tile(), 500, errors);
        errors.text("tile_image_alt_text", images.tileAltText(), false, 255);
        errors.text("tile_image_copyright", images.tileCopyright(), false, 255);
        url("image", images.header(), 500, errors);
        errors.text("image_alt_text", images.headerAltText(), false, 255);
        errors.text("image_copyright", images.headerCopyright(), false, 255);
    }

    public static void date(String field, Instant value, FieldErrors errors) {
        if (value == null) {
            return;
        }
        int year = value.atOffset(ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(field, "must be between the years " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    public static void district(String value, Map<String, Long> districts, FieldErrors errors) {
        if (value != null && !districts.containsKey(value)) {
            errors.add("district", "must be one of " + String.join(", ", districts.keySet().stream().sorted().toList()) + " or null");
        }
    }

    public static void topics(List<String> values, Set<String> topics, FieldErrors errors) {
        for (String topic : values) {
            if (topic == null || !topics.contains(topic)) {
                errors.add("topics", "unknown topic; allowed: " + String.join(", ", ReferenceData.TOPICS));
            }
        }
    }
}
