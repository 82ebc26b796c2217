package berlin.projekte.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * The write API's request bodies: JSON bound to typed records, then checked by Bean Validation.
 * Binding is strict (a number is not a string, {@code "yes"} is not a boolean, unknown fields are
 * refused) and reports every wrong field at once, each by the path the client wrote
 * ({@code modules[1].phases[0].end_date}), as a 400 in the shape of {@link ErrorResponses}.
 * The whole path of a body, from the size limit to the rules that need the database:
 * docs/api.md, "How a request body is validated".
 */
@Component
public class RequestBinding {

    /** Enough for any honest mistake; a body with thousands of errors is not re-bound thousands of times. */
    private static final int MAX_ERRORS = 20;
    private static final String BEYOND_LONG = "is too large a number";
    private static final String DATE_TIME = "must be an ISO-8601 date-time with offset, e.g. 2026-05-01T10:00:00+02:00";

    private final JsonMapper mapper;
    private final Validator validator;

    RequestBinding(JsonMapper json, Validator validator) {
        this.mapper = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Collection, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
        this.validator = validator;
    }

    /** A JSON document from a request body; a {@link JacksonException} when it is not JSON (or over the size limit). */
    JsonNode tree(InputStream body) {
        return mapper.readTree(body);
    }

    /** The current state of an object as the client would send it (the base of a merge patch). */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /** A request body as a record of {@code type}; a 400 naming every field that does not fit. */
    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode tree = withoutNumbersBeyondLong(body, errors);
        while (true) {
            try {
                T value = mapper.treeToValue(tree, type);
                if (errors.isEmpty()) {
                    return value;
                }
                break;
            } catch (DatabindException | InputCoercionException e) { // the latter: a number beyond its type (an int)
                String path = path(e.getPath());
                if (path.isEmpty()) {
                    throw ApiException.badRequest("The request body must be a JSON object.");
                }
                errors.putIfAbsent(path, message(e));
                if (tree == body) {
                    tree = body.deepCopy();
                }
                // Bind again without the wrong value, to find the errors behind it.
                if (errors.size() >= MAX_ERRORS || !drop((ObjectNode) tree, e.getPath())) {
                    break;
                }
            }
        }
        throw invalid(errors);
    }

    /**
     * The body without its integers beyond a long (no field of the API holds one; Jackson's binding
     * would fail on them without naming the field), each an error at its path; the body itself
     * if it has none.
     */
    private static JsonNode withoutNumbersBeyondLong(JsonNode body, Map<String, String> errors) {
        Map<String, String> found = new LinkedHashMap<>();
        JsonNode copy = body.deepCopy();
        removeNumbersBeyondLong(copy, "", found);
        if (found.isEmpty()) {
            return body;
        }
        errors.putAll(found);
        return copy;
    }

    private static void removeNumbersBeyondLong(JsonNode node, String path, Map<String, String> found) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (beyondLong(object.get(name))) {
                    found.putIfAbsent(at, BEYOND_LONG);
                    object.remove(name);
                } else {
                    removeNumbersBeyondLong(object.get(name), at, found);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (beyondLong(array.get(i))) {
                    found.putIfAbsent(path + "[" + i + "]", BEYOND_LONG);
                    array.set(i, NullNode.getInstance());
                } else {
                    removeNumbersBeyondLong(array.get(i), path + "[" + i + "]", found);
                }
            }
        }
    }

    private static boolean beyondLong(JsonNode node) {
        return node.isIntegralNumber() && !node.canConvertToLong();
    }

    /** {@code patch} (RFC 7396 JSON Merge Patch) applied to {@code current}, then read like a full body. */
    public <T> T patch(T current, JsonNode patch, Class<T> type) {
        return read(merge(tree(current), patch), type);
    }

    /** RFC 7396: objects merge member by member, null removes a member, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonMapper.shared().createObjectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    /** Bean Validation of a record, by JSON path (the records' components are named as their JSON fields). */
    public Map<String, String> violations(Object value) {
        Map<String, String> errors = new LinkedHashMap<>();
        validator.validate(value).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> errors.putIfAbsent(path(v), v.getMessage()));
        return errors;
    }

    /** A 400 unless the record passes Bean Validation. */
    public void check(Object value) {
        Map<String, String> errors = violations(value);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    public static ApiException invalid(Map<String, String> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid input: " + String.join(", ", errors.keySet()) + ".", errors);
    }

    private static String path(ConstraintViolation<?> violation) {
        // "moderators[0].<list element>" is the element moderators[0] itself.
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Removes the value at {@code path} (an array element becomes null, so later indexes stay); false when there is none. */
    private static boolean drop(ObjectNode root, List<JacksonException.Reference> path) {
        JsonNode parent = root;
        for (int i = 0; i < path.size(); i++) {
            JacksonException.Reference reference = path.get(i);
            boolean last = i == path.size() - 1;
            JsonNode child = reference.getPropertyName() != null ? parent.get(reference.getPropertyName())
                    : reference.getIndex() >= 0 ? parent.get(reference.getIndex()) : null;
            if (child == null || last) {
                if (child == null && parent == root) {
                    return false;
                }
                // A missing value (a required field inside an object) drops the object that lacks it.
                JsonNode holder = child == null ? null : parent;
                if (holder instanceof ObjectNode object) {
                    object.remove(reference.getPropertyName());
                } else if (holder instanceof ArrayNode array) {
                    array.set(reference.getIndex(), NullNode.getInstance());
                } else {
                    return drop(root, path.subList(0, i));
                }
                return true;
            }
            parent = child;
        }
        return false;
    }

    private static String message(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        if (type == null) {
            return "has an invalid value";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "must be an integer";
        }
        if (type == Long.class || type == long.class) {
            return "must be an id (a positive integer)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type == OffsetDateTime.class) {
            return DATE_TIME;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }
}
