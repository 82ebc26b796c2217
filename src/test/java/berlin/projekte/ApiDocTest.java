package berlin.projekte;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.MarkdownTables;
import berlin.projekte.testsupport.MarkdownTables.Table;
import berlin.projekte.testsupport.WriteApiTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md stays true: its field tables name exactly the fields of the schemas the running
 * application publishes at {@code /v3/api-docs} and sends in real responses, and the endpoints it
 * names are the application's.
 */
class ApiDocTest extends WriteApiTest {

    private static final String DOC = "docs/api.md";
    private static final Pattern SCHEMA = Pattern.compile("schema `(\\w+)`");
    private static final Pattern API_PATH = Pattern.compile("/api/[^\\s`?…]*");

    @Autowired ListCache cache;
    @Autowired Clock clock;

    @Test
    void everyFieldTableNamesExactlyTheFieldsOfItsPublishedSchema() {
        JsonNode schemas = ok(http.get("/v3/api-docs"), 200).path("components").path("schemas");
        Map<String, Set<String>> documented = fieldTables();
        assertThat(documented.keySet()).as("field tables in " + DOC).contains("ProjectListItem", "PlanListItem", "ProjectJson",
                "ModuleJson", "PhaseJson", "PlanJson", "OrganisationInput", "GroupInput", "UserInput");
        documented.forEach((schema, fields) -> {
            JsonNode properties = schemas.path(schema).path("properties");
            assertThat(properties.isObject()).as("schema " + schema + " is published").isTrue();
            assertThat(new TreeSet<>(fields)).as(DOC + ": the fields of " + schema).isEqualTo(new TreeSet<>(properties.propertyNames()));
        });
    }

    @Test
    void theItemTablesNameTheFieldsRealResponsesSend() {
        Instant now = clock.instant();
        Duration day = Duration.ofDays(1);
        long plan = fixtures.plan("Vorhaben", organisation).insert();
        fixtures.project("Aktiv", organisation).district("mi").topics("URB").point(13.4, 52.5, "Straße", "1", "10115")
                .tile("https://i.example.org/t.jpg", "Alt", "© A").plan(plan).module(Fixtures.phase(now.minus(day), now.plus(day))).insert();
        fixtures.project("Extern", organisation).kind("EXTERNAL", "https://example.org/x").insert();
        cache.clear();
        Map<String, Set<String>> documented = fieldTables();

        Set<String> projectItem = documented.get("ProjectListItem");
        assertThat(fields(ok(http.get("/api/projects/"), 200))).isEqualTo(projectItem);
        Set<String> external = new HashSet<>(projectItem);
        external.remove("id"); // the one field the doc says extprojects leaves out
        assertThat(fields(ok(http.get("/api/extprojects/"), 200))).isEqualTo(external);
        assertThat(fields(ok(http.get("/api/plans/"), 200))).isEqualTo(documented.get("PlanListItem"));
    }

    @Test
    void theDocNamesEveryApiPathAndOnlyPathsThatExist() {
        Set<String> published = new TreeSet<>();
        ok(http.get("/v3/api-docs"), 200).path("paths").propertyNames().forEach(path -> {
            if (path.startsWith("/api/")) {
                published.add(withoutSlash(path));
            }
        });
        String doc = MarkdownTables.text(DOC);
        Set<String> named = new TreeSet<>();
        Matcher m = API_PATH.matcher(doc);
        while (m.find()) {
            String path = withoutSlash(m.group());
            // placeholders ({resource}), patterns (/api/admin/**) and the prefix /api/admin/ are not endpoints
            if (!path.contains("{") && !path.contains("*") && !path.equals("/api/admin")) {
                named.add(path);
            }
        }
        Set<String> resources = new TreeSet<>(MarkdownTables.tables(DOC).stream()
                .filter(t -> t.startsWith("resource", "request record")).findFirst().orElseThrow().firstCode(0));

        assertThat(published).as("paths " + DOC + " names").containsAll(named);
        for (String path : published) {
            String[] parts = path.split("/");
            boolean resource = parts.length >= 4 && parts[2].equals("admin") && resources.contains(parts[3])
                    && (parts.length == 4 || (parts.length == 5 && parts[4].equals("{id}")));
            assertThat(resource || named.contains(path)).as(DOC + " documents " + path).isTrue();
        }
    }

    /** Per schema named in a heading ("schema `X`"), the first code span of each row of the field table below it. */
    private static Map<String, Set<String>> fieldTables() {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        for (Table table : MarkdownTables.tables(DOC)) {
            Matcher schema = SCHEMA.matcher(table.heading());
            if (schema.find() && table.startsWith("field")) {
                Set<String> fields = new HashSet<>(table.firstCode(0));
                assertThat(tables.put(schema.group(1), fields)).as("one field table for " + schema.group(1)).isNull();
            }
        }
        return tables;
    }

    /** The fields of every item of a list (each item must send them all). */
    private static Set<String> fields(JsonNode list) {
        assertThat(list).isNotEmpty();
        Set<String> first = new HashSet<>(list.get(0).propertyNames());
        for (JsonNode item : list) {
            assertThat(new HashSet<>(item.propertyNames())).as(item.toString()).isEqualTo(first);
        }
        return first;
    }

    private static String withoutSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
