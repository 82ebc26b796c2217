package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RawHttp;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.RequestLog;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated hostile requests (docs/api.md, errors) against the whole application on the Redis store: query
 * strings, {@code Accept-Language}, {@code Accept-Encoding}, {@code If-None-Match}, methods and
 * paths, and the JSON bodies of every write endpoint (wrong types, nulls, huge strings, deep
 * nesting, unknown ids, bad dates, invalid UTF-8), over raw sockets so nothing is cleaned up on
 * the way. For every one: no 5xx, every error a JSON {@code {"detail": ...}}; after all of them:
 * no cache key but the lists' own, no ERROR in the log.
 *
 * <p>{@code -Dfuzz.tries=100000} for a long run, {@code -Dfuzz.seed=N} for another sequence
 * (the default seed is fixed: a failure is repeatable).
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputFuzzTest extends WriteApiTest {

    static final String PREFIX = RedisKeys.uniquePrefix("fuzz");
    static final int TRIES = Integer.getInteger("fuzz.tries", 2000);
    static final long SEED = Long.getLong("fuzz.seed", 20261127L);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LOGICAL_KEYS = List.of("projects", "projects_activeParticipation", "projects_futureParticipation",
            "projects_pastParticipation", "privateprojects", "extprojects", "plans");
    private static final List<String> LISTS = List.of("/api/projects/", "/api/privateprojects/", "/api/extprojects/", "/api/plans/",
            "/api/projects", "/api/plans");
    private static final List<String> STATUSES = List.of("activeParticipation", "futureParticipation", "pastParticipation");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
            "CONNECT", "PROPFIND", "FOO", "get", "M-SEARCH");
    private static final List<String> RESOURCES = List.of("organisations", "users", "groups", "projects", "extprojects", "plans");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
        // Some requests are failed sign-ins (the login form with any body): no throttling here, or the
        // superuser's requests would soon all be 429s (SignInThrottleTest tests the throttle).
        for (String budget : List.of("account-failures-per-minute", "account-failures-per-hour", "address-failures-per-minute",
                "address-failures-per-hour")) {
            registry.add("projekte.security." + budget, () -> "100000000");
        }
    }

    @Autowired ListCache cache;

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private String adminAuth;
    private long project;
    private long plan;
    private long user;

    @AfterAll
    static void removeRedisKeys() {
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void noHostileRequestGetsA5xxOrAnErrorThatIsNotJsonOrANewCacheKey(CapturedOutput log) {
        adminAuth = "Authorization: " + asAdmin;
        user = fixtures.user("fuzz-target", false); // the users written to; the superuser's own account stays as it is
        project = ok(send("POST", "/api/admin/projects/", projectJson("Fuzz", organisation), asAdmin), 201).get("id").asLong();
        plan = ok(send("POST", "/api/admin/plans/", "{\"title\": \"Fuzz\", \"organisation\": " + organisation + "}", asAdmin), 201)
                .get("id").asLong();
        cache.clear();
        Set<String> entriesBefore = warmEveryList();
        assertThat(entriesBefore).hasSize(LOGICAL_KEYS.size() * 2);
        int logBefore = log.getAll().length();

        List<Supplier<String>> generators = List.of(this::queryString, this::listHeaders, this::methodAndPath, this::writeBody,
                this::writeBody, this::rawBody);
        for (int i = 0; i < TRIES; i++) {
            String request = generators.get(random.nextInt(generators.size())).get();
            RawHttp.Response response = RawHttp.send(port, request, Duration.ofSeconds(20));
            check(i, request, response);
        }
        System.out.printf("fuzz: %d requests, seed %d, statuses %s%n", TRIES, SEED, statuses);

        Set<String> entriesAfter = warmEveryList();
        Pattern allowed = Pattern.compile(Pattern.quote(PREFIX) + ":\\{v\\d+}:((" + String.join("|", LOGICAL_KEYS)
                + "):(de|en|gen)|alive|leases|leases-since)|" + Pattern.quote(PREFIX) + ":sign-in:(account|address):.*");
        assertThat(RedisKeys.keys(PREFIX)).as("no key but the store's own and the sign-in budgets").allMatch(key -> allowed.matcher(key).matches());
        assertThat(entriesAfter).as("no cache entry but the lists' own").isEqualTo(entriesBefore);
        assertThat(statuses.keySet()).as("no 5xx").allMatch(status -> status < 500);
        String written = RequestLog.of(log.getAll().substring(logBefore));
        assertThat(written).doesNotContain(" ERROR ", "\tat ");
    }

    /** Every leaf of every write body (an id, a weight, a name, a date, a coordinate) replaced by an integer beyond a long. */
    @Test
    void anIntegerBeyondALongAnywhereInABodyIsA400NamingTheField() {
        adminAuth = "Authorization: " + asAdmin;
        user = fixtures.user("fuzz-target", false);
        project = ok(send("POST", "/api/admin/projects/", projectJson("Fuzz", organisation), asAdmin), 201).get("id").asLong();
        plan = ok(send("POST", "/api/admin/plans/", "{\"title\": \"Fuzz\", \"organisation\": " + organisation + "}", asAdmin), 201)
                .get("id").asLong();
        Map<String, Long> existing = Map.of("organisations", organisation, "users", user, "groups", fixtures.group("Fuzz", user),
                "projects", project, "plans", plan, "extprojects",
                ok(send("POST", "/api/admin/extprojects/", JSON.writeValueAsString(validBody("extprojects")), asAdmin), 201).get("id").asLong());
        List<BigInteger> beyond = List.of(new BigInteger("9223372036854775808"), new BigInteger("-9223372036854775809"),
                new BigInteger("99999999999999999999999"));
        int tried = 0;
        for (String resource : RESOURCES) {
            ObjectNode valid = validBody(resource);
            for (List<Object> path : leaves(valid, new ArrayList<>())) {
                for (BigInteger number : beyond) {
                    ObjectNode body = valid.deepCopy();
                    replace(body, path, NODES.numberNode(number));
                    for (String method : List.of("POST", "PATCH")) {
                        String target = "/api/admin/" + resource + "/" + (method.equals("POST") ? "" : existing.get(resource));
                        RawHttp.Response response = RawHttp.send(port, request(method, target,
                                List.of(adminAuth, "Content-Type: application/json"), JSON.writeValueAsString(body)), Duration.ofSeconds(20));
                        String field = name(path);
                        String as = method + " " + target + " with " + field + " = " + number + ": " + response.text();
                        assertThat(response.status()).as(as).isEqualTo(400);
                        JsonNode errors = JSON.readTree(response.body()).get("errors");
                        assertThat(errors).as(as).isNotNull();
                        assertThat(errors.propertyNames()).as(as).anyMatch(named -> field.equals(named) || field.startsWith(named + ".")
                                || field.startsWith(named + "["));
                        tried++;
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(100);
    }

    /** Decided: an id list is a set (as topics are); an id given twice is stored, and answered, once. */
    @Test
    void duplicateIdsInEveryIdListAreTakenAsASet() {
        adminAuth = "Authorization: " + asAdmin;
        long other = fixtures.user("fuzz-other", false);
        project = ok(send("POST", "/api/admin/projects/", projectJson("Fuzz", organisation), asAdmin), 201).get("id").asLong();
        plan = ok(send("POST", "/api/admin/plans/", "{\"title\": \"Fuzz\", \"organisation\": " + organisation + "}", asAdmin), 201)
                .get("id").asLong();
        Map<String, List<String>> idLists = Map.of("organisations", List.of("initiators"), "groups", List.of("members"),
                "projects", List.of("moderators", "participants", "plans"), "plans", List.of("projects"));
        for (Map.Entry<String, List<String>> resource : idLists.entrySet()) {
            for (String list : resource.getValue()) {
                long id = list.equals("plans") ? plan : list.equals("projects") ? project : other;
                ObjectNode body = validBody(resource.getKey());
                body.set(list, NODES.arrayNode().add(id).add(id).add(id));
                String as = resource.getKey() + "." + list;
                JsonNode created = ok(send("POST", "/api/admin/" + resource.getKey() + "/", JSON.writeValueAsString(body), asAdmin), 201);
                String path = "/api/admin/" + resource.getKey() + "/" + created.get("id").asLong();
                assertThat(ok(http.get(path, "Authorization", asAdmin), 200).get(list).toString()).as(as).isEqualTo("[" + id + "]");
                ObjectNode patch = NODES.objectNode();
                patch.set(list, NODES.arrayNode().add(id).add(id));
                assertThat(ok(send("PATCH", path, JSON.writeValueAsString(patch), asAdmin), 200).get(list).toString()).as(as)
                        .isEqualTo("[" + id + "]");
            }
        }
    }

    /** {@code %zz}, bytes that are not UTF-8, chunks that are only {@code =}, on every path the application has, signing in or not. */
    @Test
    void malformedQueryStringsOnEveryPathLeaveNoErrorInTheLog(CapturedOutput log) {
        adminAuth = "Authorization: " + asAdmin;
        int logBefore = log.getAll().length();
        List<String> paths = List.of("/login", "/logout", "/api/csrf", "/", "/projekte/", "/projekte/session", "/projekte/config.json",
                "/error", "/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/swagger-ui.html", "/api/projects/",
                "/api/privateprojects/", "/api/extprojects/", "/api/plans/", "/api/admin/projects/", "/api/admin/users/1",
                "/api/admin/cache/clear", "/nowhere");
        List<String> queries = List.of("%zz", "a=%zz", "%ff%fe=1", "status=%c3%28", "=", "a=1&=&b=2", "&=&", "==", "%", "a=%",
                "username=%zz&password=x", "=%ff", "a=\u00ff\u00fe", "\u00c3\u0028=1", "a=%c3%28&a=%e2%82");
        Map<Integer, Integer> seen = new TreeMap<>();
        for (String path : paths) {
            for (String query : queries) {
                // in the URL (GET, HEAD, POST), or as the form body of a POST with no query string at all
                for (String method : List.of("GET", "HEAD", "POST", "POST-FORM")) {
                    List<String> headers = new ArrayList<>(random.nextBoolean() ? List.of(adminAuth) : List.of());
                    String body = null;
                    if (method.startsWith("POST")) {
                        headers.add("Content-Type: application/x-www-form-urlencoded");
                        body = method.equals("POST-FORM") ? query : "username=admin&password=x";
                    }
                    String target = method.equals("POST-FORM") ? path : path + "?" + query;
                    String request = request(method.startsWith("POST") ? "POST" : method, target, headers, body);
                    RawHttp.Response response = RawHttp.send(port, request, Duration.ofSeconds(20));
                    seen.merge(response.status(), 1, Integer::sum);
                    assertThat(response.status()).as(request + "\n--- answered:\n" + abbreviate(response.text())).isBetween(100, 499);
                }
            }
        }
        System.out.printf("malformed query strings: statuses %s%n", seen);
        assertThat(RequestLog.of(log.getAll().substring(logBefore))).doesNotContain(" ERROR ", "\tat ");
    }

    private void check(int i, String request, RawHttp.Response response) {
        int status = response.status();
        statuses.merge(status, 1, Integer::sum);
        String as = "request " + i + " (seed " + SEED + "):\n" + abbreviate(request) + "\n--- answered:\n" + abbreviate(response.text());
        assertThat(status).as(as).isBetween(100, 499);
        if (status >= 400 && !request.startsWith("HEAD ")) {
            assertThat(response.header("Content-Type")).as(as).startsWith("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("detail")).as(as).isNotNull();
            assertThat(body.get("detail").isString()).as(as).isTrue();
        }
    }

    private Set<String> warmEveryList() {
        for (String language : List.of("de", "en")) {
            for (String path : List.of("/api/projects/", "/api/privateprojects/", "/api/extprojects/", "/api/plans/")) {
                assertThat(http.get(path, "Accept-Language", language).status()).isEqualTo(200);
            }
            for (String status : STATUSES) {
                assertThat(http.get("/api/projects/?status=" + status, "Accept-Language", language).status()).isEqualTo(200);
            }
        }
        return new TreeSet<>(RedisKeys.entries(PREFIX));
    }

    // ------------------------------------------------------------------ generators

    private String queryString() {
        String path = pick(LISTS);
        int parts = random.nextInt(4);
        List<String> pairs = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            String name = random.nextInt(3) == 0 ? "status" : hostileQueryText(8);
            String value = random.nextInt(3) == 0 ? pick(STATUSES) : hostileQueryText(random.nextInt(5) == 0 ? 3000 : 20);
            pairs.add(random.nextInt(10) == 0 ? name : name + "=" + value);
        }
        String query = String.join(random.nextBoolean() ? "&" : ";", pairs);
        String method = random.nextInt(3) == 0 ? "HEAD" : "GET";
        return request(method, path + (query.isEmpty() && random.nextBoolean() ? "" : "?" + query), List.of(), null);
    }

    private String listHeaders() {
        String path = pick(LISTS) + (random.nextInt(4) == 0 ? "?status=" + pick(STATUSES) : "");
        List<String> headers = new ArrayList<>();
        if (random.nextBoolean()) {
            headers.add("Accept-Language: " + hostileHeader("de", "en", "en-US;q=0.9", "*", "de-DE-1996", "x-klingon", "en;q=2", "q=", ";"));
        }
        if (random.nextBoolean()) {
            headers.add("Accept-Encoding: " + hostileHeader("gzip", "br", "*", "identity", "gzip;q=0", "x-gzip", ";", ";q=", "q=0.5"));
        }
        if (random.nextBoolean()) {
            headers.add("If-None-Match: " + hostileHeader("*", "W/\"x\"", "\"0123\"", "W/", "\"", "\"\"", ",", "W/*"));
        }
        if (random.nextInt(5) == 0) {
            headers.add(adminAuth);
        }
        return request(random.nextInt(4) == 0 ? "HEAD" : "GET", path, headers, null);
    }

    private String methodAndPath() {
        List<String> paths = List.of("/api/projects/", "/api/plans/", "/api/privateprojects/", "/api/extprojects/", "/actuator/health",
                "/actuator/prometheus", "/actuator/env", "/login", "/logout", "/error", "/api/csrf", "/", "/api/admin/cache/clear",
                "/api/admin/" + pick(RESOURCES) + "/", "/api/admin/" + pick(RESOURCES) + "/" + hostileId(), "/api/../admin",
                "/api/%2e%2e/admin/", "/api/plans/%00", "/api/plans//", "/%ZZ", "/api/projects/;jsessionid=x", "/" + hostileQueryText(30));
        String method = pick(METHODS);
        List<String> headers = new ArrayList<>();
        if (random.nextBoolean()) {
            headers.add(adminAuth);
        }
        String body = null;
        if (random.nextInt(3) == 0) {
            headers.add("Content-Type: " + pick(List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
                    "application/merge-patch+json", "multipart/form-data; boundary=x", "application/json; charset=latin-9")));
            body = random.nextBoolean() ? "{}" : hostileQueryText(100);
        }
        return request(method, pick(paths), headers, body);
    }

    /** A valid body of a write endpoint with one to three fields made hostile, sent with the superuser's credentials. */
    private String writeBody() {
        String resource = pick(RESOURCES);
        ObjectNode body = validBody(resource);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            List<String> names = new ArrayList<>();
            body.propertyNames().forEach(names::add);
            String field = names.isEmpty() || random.nextInt(6) == 0 ? hostileQueryText(10) : pick(names);
            if (random.nextInt(8) == 0) {
                body.remove(field);
            } else {
                body.set(field, hostileValue(0));
            }
        }
        String method = pick(List.of("POST", "PUT", "PATCH"));
        String path = "/api/admin/" + resource + "/" + (method.equals("POST") ? "" : idOf(resource));
        String contentType = method.equals("PATCH") && random.nextBoolean() ? "application/merge-patch+json" : "application/json";
        return request(method, path, List.of(adminAuth, "Content-Type: " + contentType), JSON.writeValueAsString(body));
    }

    /** Bodies that are not JSON at all, or not UTF-8, or too deep or too big. */
    private String rawBody() {
        String resource = pick(RESOURCES);
        String json = JSON.writeValueAsString(validBody(resource));
        int depth = 200 + random.nextInt(5000);
        String body = switch (random.nextInt(8)) {
            case 0 -> json.substring(0, random.nextInt(json.length())); // cut off
            case 1 -> "[".repeat(depth) + "]".repeat(depth);
            case 2 -> "{\"name\":".repeat(depth) + "1" + "}".repeat(depth);
            case 3 -> json.replaceFirst("\"", "\"\u00ff\u00fe"); // invalid UTF-8 bytes inside a string
            case 4 -> "\u00c3\u0028" + json; // invalid UTF-8 before it
            case 5 -> json.replaceFirst("\\{", "{\"name\": \"" + "x".repeat(1_100_000) + "\","); // over 1 MiB
            case 6 -> json + json; // two documents
            default -> hostileQueryText(200);
        };
        String method = pick(List.of("POST", "PUT", "PATCH"));
        String path = "/api/admin/" + resource + "/" + (method.equals("POST") ? "" : idOf(resource));
        // The body goes as these bytes: ISO-8859-1 chars are single bytes, so \u00ff is the byte 0xff.
        return rawRequest(method, path, List.of(adminAuth, "Content-Type: application/json"), body);
    }

    private ObjectNode validBody(String resource) {
        String json = switch (resource) {
            case "organisations" -> "{\"name\": \"Org " + random.nextInt(1_000_000) + "\", \"initiators\": [" + admin + "]}";
            case "users" -> "{\"username\": \"u" + random.nextInt(1_000_000) + "\", \"password\": \"pw\", \"is_superuser\": false}";
            case "groups" -> "{\"name\": \"G " + random.nextInt(1_000_000) + "\", \"members\": [" + admin + "]}";
            case "extprojects" -> "{\"name\": \"Ext\", \"organisation\": " + organisation + ", \"access\": \"PUBLIC\","
                    + " \"external_url\": \"https://example.org/x\", \"topics\": [\"URB\"], \"modules\": [{\"name\": \"Extern\","
                    + " \"weight\": 0, \"is_draft\": false, \"phases\": [{\"name\": \"Beteiligung\", \"type\": \"external\", \"weight\": 0,"
                    + " \"start_date\": \"2026-12-01T09:00:00+01:00\", \"end_date\": \"2027-01-15T18:00:00+01:00\"}]}]}";
            case "plans" -> "{\"title\": \"Plan\", \"organisation\": " + organisation + ", \"point\": {\"lon\": 13.29, \"lat\": 52.56},"
                    + " \"district\": \"mi\", \"topics\": [\"URB\"], \"status\": 1, \"participation\": 3, \"is_draft\": false,"
                    + " \"projects\": [" + project + "]}";
            default -> "{\"name\": \"Projekt\", \"organisation\": " + organisation + ", \"access\": \"PUBLIC\", \"kind\": \"PROJECT\","
                    + " \"district\": \"mi\", \"topics\": [\"URB\"], \"point\": {\"lon\": 13.40, \"lat\": 52.52}, \"moderators\": [" + admin + "],"
                    + " \"modules\": [{\"name\": \"Beteiligung\", \"weight\": 0, \"is_draft\": false, \"phases\": [{\"name\": \"Ideen\","
                    + " \"type\": \"debate\", \"weight\": 0, \"start_date\": \"2026-12-01T09:00:00+01:00\","
                    + " \"end_date\": \"2027-01-15T18:00:00+01:00\"}]}]}";
        };
        return (ObjectNode) JSON.readTree(json);
    }

    /** The paths (names and indexes) of every value that is not an object or array. */
    private static List<List<Object>> leaves(JsonNode node, List<Object> path) {
        List<List<Object>> leaves = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                List<Object> child = new ArrayList<>(path);
                child.add(member.getKey());
                leaves.addAll(leaves(member.getValue(), child));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                leaves.addAll(leaves(node.get(i), child));
            }
        } else {
            leaves.add(path);
        }
        return leaves;
    }

    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** A path as the API names fields: {@code modules[0].phases[0].weight}. */
    private static String name(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(step);
            }
        }
        return name.toString();
    }

    private String idOf(String resource) {
        return switch (random.nextInt(4)) {
            case 0 -> hostileId();
            // another resource's id, but never the superuser's own (it may be the organisation's number too)
            case 1 -> Long.toString(resource.equals("users") ? user : organisation);
            default -> Long.toString(resource.equals("plans") ? plan : resource.equals("organisations") ? organisation
                    : resource.equals("users") || resource.equals("groups") ? user : project);
        };
    }

    private JsonNode hostileValue(int depth) {
        return switch (random.nextInt(depth > 3 ? 12 : 16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> random.nextInt(4) == 0 ? NODES.numberNode(pick(List.of(new BigInteger("9223372036854775808"),
                    new BigInteger("-9223372036854775809"), BigInteger.TEN.pow(30))))
                    : NODES.numberNode(pick(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999L, 2_147_483_648L)));
            case 3 -> NODES.numberNode(pick(List.of(1e308, -0.0, 1.5, 1e-300, 13.4)));
            case 4 -> NODES.stringNode("x".repeat(pick(List.of(0, 1, 151, 256, 10_001, 70_000))));
            case 5 -> NODES.stringNode(pick(List.of("2026-02-30T00:00:00+01:00", "0000-00-00", "9999-12-31T23:59:59+99:00",
                    "2026-13-01T00:00:00Z", "yesterday", "-999999999-01-01T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00")));
            case 6 -> NODES.stringNode(pick(List.of("PRIVATE", "public", "EXTERNAL", "BPLAN", "", " ", "null", "\u0000", "mi", "URB",
                    "debate", "\uD83D\uDE00".repeat(50), "<script>alert(1)</script>", "' or 1=1 --", "%s%n", "\\u0000")));
            case 7 -> NODES.stringNode(hostileQueryText(30));
            case 8 -> NODES.numberNode(pick(List.of(0, 1, 2, 3, 4, 99, -5)));
            case 9 -> ids();
            case 10 -> NODES.stringNode("https://" + "a".repeat(random.nextInt(3000)) + ".example.org/");
            case 11 -> NODES.arrayNode();
            case 12 -> nested(depth);
            case 13 -> {
                ObjectNode object = NODES.objectNode();
                object.set(pick(List.of("lon", "lat", "name", "phases", "weight", "start_date")), hostileValue(depth + 1));
                yield object;
            }
            case 14 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(hostileValue(depth + 1));
                }
                yield array;
            }
            default -> NODES.objectNode();
        };
    }

    private JsonNode ids() {
        ArrayNode ids = NODES.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            ids.add(random.nextBoolean() ? NODES.numberNode(random.nextInt(3) == 0 ? admin : 1_000_000L + random.nextInt(1000))
                    : hostileValue(3));
            if (random.nextInt(4) == 0) {
                ids.add(ids.get(ids.size() - 1)); // the same id twice
            }
        }
        return ids;
    }

    private JsonNode nested(int depth) {
        JsonNode node = NODES.numberNode(1);
        for (int i = random.nextInt(100); i > 0; i--) {
            ArrayNode array = NODES.arrayNode();
            array.add(node);
            node = array;
        }
        return node;
    }

    private String hostileId() {
        return pick(List.of("0", "-1", "999999999", "9223372036854775808", "1e3", "abc", "%ff", "77777777;2", "1.5", "%20", "null",
                "99999999999999999999999"));
    }

    /** Query text: valid and invalid %-escapes, bytes that are not UTF-8, separators, long runs. */
    private String hostileQueryText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (text.length() < length) {
            switch (random.nextInt(9)) {
                case 0 -> text.append('%').append("0123456789abcdefABCDEFzZ%".charAt(random.nextInt(25)))
                        .append("0123456789abcdefzZ".charAt(random.nextInt(18)));
                case 1 -> text.append(pick(List.of("%ff", "%fe", "%c3%28", "%e2%82", "%f0%9f%98%80", "%c3%a4", "%00", "%0d%0a", "%25")));
                case 2 -> text.append(pick(List.of("=", "&", ";", "+", "?", "#", "[", "]", "{", "}", "|", "\\", "^", "`", "\"", "<", ">")));
                case 3 -> text.append((char) (0x80 + random.nextInt(0x80))); // a raw byte over 0x7f
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    private String hostileHeader(String... valid) {
        StringBuilder value = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> value.append(",".repeat(random.nextInt(4))).append(";".repeat(random.nextInt(4)));
                case 1 -> value.append((char) (0x80 + random.nextInt(0x80)));
                case 2 -> value.append("x".repeat(random.nextInt(20) == 0 ? 9000 : random.nextInt(200)));
                case 3 -> value.append(";q=").append(pick(List.of("0", "1", "0.5", "abc", "-1", "NaN", "1e999", "", "0.0000001")));
                default -> value.append(pick(List.of(valid)));
            }
            value.append(random.nextBoolean() ? ", " : "");
        }
        return value.toString();
    }

    // ------------------------------------------------------------------ requests

    /** A request with a UTF-8 body; the target and headers as given (ISO-8859-1: each char one byte). */
    private String request(String method, String target, List<String> headers, String body) {
        return rawRequest(method, target, headers, body == null ? null
                : new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    private String rawRequest(String method, String target, List<String> headers, String bytes) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target.replace(" ", "%20").replace("\r", "%0d")
                .replace("\n", "%0a")).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (bytes != null) {
            request.append("Content-Length: ").append(bytes.length()).append("\r\n");
        }
        return request.append("\r\n").append(bytes == null ? "" : bytes).toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 1500 ? text : text.substring(0, 1500) + "... (" + text.length() + " chars)";
    }
}
