package berlin.projekte.web;

import berlin.projekte.places.Coordinates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Reading one JSON object of the write API field by field, with clear errors: a field absent
 * keeps the base value (PATCH: the stored one; POST/PUT: the default), a wrong type or value is
 * an error naming the field. Unknown fields are refused (a typo must not be silently ignored);
 * the read-only fields of the stored object ({@code id}, {@code created}, {@code modified}) are
 * accepted and ignored, so a GET result can be sent back.
 */
public final class JsonInput {

    private static final Set<String> READ_ONLY = Set.of("id", "created", "modified");

    private final JsonNode node;
    private final String prefix;
    private final FieldErrors errors;

    private JsonInput(JsonNode node, String prefix, FieldErrors errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The request body, which must be a JSON object with only the given fields. */
    public static JsonInput body(JsonNode body, FieldErrors errors, Set<String> fields) {
        if (body == null || !body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The request body must be a JSON object.");
        }
        JsonInput input = new JsonInput(body, "", errors);
        input.refuseUnknown(fields);
        return input;
    }

    public void refuseUnknown(Set<String> fields) {
        for (String name : node.propertyNames()) {
            if (!fields.contains(name) && !(prefix.isEmpty() && READ_ONLY.contains(name))) {
                errors.add(prefix + name, "unknown field");
            }
        }
    }

    public boolean has(String name) {
        return node.has(name);
    }

    /** A missing field in a full replacement (POST, PUT) that must be there. */
    public void require(String... names) {
        for (String name : names) {
            if (!node.has(name) || node.get(name).isNull()) {
                errors.add(prefix + name, "is required");
            }
        }
    }

    public String string(String name, String base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(prefix + name, "must be a string");
            return base;
        }
        return value.stringValue();
    }

    /** A text field where null means empty (descriptions, addresses, images). */
    public String text(String name, String base) {
        String value = string(name, base);
        return value == null ? "" : value;
    }

    public Boolean bool(String name, Boolean base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            errors.add(prefix + name, "must be true or false");
            return base;
        }
        return value.booleanValue();
    }

    public Integer integer(String name, Integer base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(prefix + name, "must be an integer");
            return base;
        }
        return value.intValue();
    }

    /** An id of another object, or null. */
    public Long id(String name, Long base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            errors.add(prefix + name, "must be an id (a positive integer)");
            return base;
        }
        return value.longValue();
    }

    public List<Long> ids(String name, List<Long> base) {
        return list(name, base, (element) -> element.isIntegralNumber() && element.canConvertToLong() && element.longValue() > 0
                ? element.longValue() : null, "must be a list of ids (positive integers)");
    }

    public List<String> strings(String name, List<String> base) {
        return list(name, base, element -> element.isString() ? element.stringValue() : null, "must be a list of strings");
    }

    private <T> List<T> list(String name, List<T> base, Function<JsonNode, T> read, String message) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(prefix + name, message);
            return base;
        }
        List<T> result = new ArrayList<>();
        for (JsonNode element : value) {
            T item = read.apply(element);
            if (item == null) {
                errors.add(prefix + name, message);
                return base;
            }
            if (!result.contains(item)) {
                result.add(item);
            }
        }
        return result;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (!value.isString()) {
            errors.add(prefix + name, "must be one of " + allowed);
            return base;
        }
        try {
            return Enum.valueOf(type, value.stringValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(prefix + name, "must be one of " + allowed);
            return base;
        }
    }

    /** An instant in ISO-8601 with offset, or null. */
    public Instant instant(String name, Instant base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(prefix + name, "must be an ISO-8601 date-time with offset, e.g. 2026-05-01T10:00:00+02:00");
            return base;
        }
        try {
            return OffsetDateTime.parse(value.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(prefix + name, "must be an ISO-8601 date-time with offset, e.g. 2026-05-01T10:00:00+02:00");
            return base;
        }
    }

    public Coordinates point(String name, Coordinates base) {
        if (!node.has(name)) {
            return base;
        }
        JsonNode value = node.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(prefix + name, "must be {\"lon\": number, \"lat\": number} or null");
            return base;
        }
        JsonInput point = new JsonInput(value, prefix + name + ".", errors);
        point.refuseUnknown(Set.of("lon", "lat"));
        Double lon = point.number("lon");
        Double lat = point.number("lat");
        return lon == null || lat == null ? base : new Coordinates(lon, lat);
    }

    private Double number(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(prefix + name, "is required");
            return null;
        }
        if (!value.isNumber()) {
            errors.add(prefix + name, "must be a number");
            return null;
        }
        return value.doubleValue();
    }

    /** The elements of an array field as objects, each with its own prefix ({@code modules[1].}). */
    public List<JsonInput> objects(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(prefix + name, "must be a list of objects");
            return List.of();
        }
        List<JsonInput> result = new ArrayList<>();
        int i = 0;
        for (JsonNode element : value) {
            String path = prefix + name + "[" + i++ + "]";
            if (!element.isObject()) {
                errors.add(path, "must be an object");
                continue;
            }
            result.add(new JsonInput(element, path + ".", errors));
        }
        return result;
    }
}
