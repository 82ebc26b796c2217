package berlin.projekte.referencedata;

import berlin.projekte.web.FieldErrors;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field rules that need the database: a district or topic code that exists, ids of rows that
 * exist. Shared by projects and plans; the codes and ids come from {@link ReferenceData}, read once
 * per batch.
 */
public final class ReferenceChecks {

    private ReferenceChecks() {
    }

    public static void district(String value, Map<String, Long> districts, FieldErrors errors) {
        if (value != null && !districts.containsKey(value)) {
            errors.add("district", "must be one of " + String.join(", ", districts.keySet().stream().sorted().toList()) + " or null");
        }
    }

    /** An error on {@code field} naming the ids (a null among them) that are not in {@code existing}. */
    public static void ids(String field, Collection<Long> ids, Set<Long> existing, String what, FieldErrors errors) {
        List<String> missing = ids.stream().filter(id -> id == null || !existing.contains(id)).distinct().map(String::valueOf).toList();
        if (!missing.isEmpty()) {
            errors.add(field, "unknown " + what + ": " + String.join(", ", missing));
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
