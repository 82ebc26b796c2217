package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.StatementCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * For every user of a generated population, {@code /api/privateprojects/} is exactly the private
 * projects docs/api.md lets them view — with the shared entry cold, warm, after each kind of
 * membership change made through the write API, in both languages, over HTTP Basic and sessions.
 * The expectation is computed here from the generated data, independently of the production rule.
 * Redis store (as in production), refresh-ahead off so "cold" and "evicted" really are misses.
 */
class PrivateProjectsPopulationTest extends WriteApiTest {

    static final String PREFIX = RedisKeys.uniquePrefix("population");
    private static final long SEED = 20261125L;
    // The default run's size; at scale: -Dpopulation.users=320 -Dpopulation.projects=160 (README "Tests").
    private static final int USERS = Integer.getInteger("population.users", 30);
    private static final int PROJECTS = Integer.getInteger("population.projects", 40);
    private static final int ORGANISATIONS = Math.max(4, USERS / 30);
    private static final int GROUPS = Math.max(5, USERS / 20);
    private static final int PLAIN_USERS = 5; // the last users get no role at all

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
    }

    @Autowired ListCache cache;

    private final Random random = new Random(SEED);
    private final Map<Long, String> usernames = new LinkedHashMap<>();
    private final Set<Long> superusers = new HashSet<>();
    private final Map<Long, Set<Long>> initiators = new HashMap<>();
    private final Map<Long, Set<Long>> groupMembers = new HashMap<>();
    private final List<GeneratedProject> projects = new ArrayList<>();

    /** What the test knows of a project; moderators and participants change during the test. */
    private static final class GeneratedProject {
        final long id;
        final long organisation;
        final boolean listed; // PRIVATE, not draft, not archived
        final Long group;
        Set<Long> moderators;
        Set<Long> participants;

        GeneratedProject(long id, long organisation, boolean listed, Long group, Set<Long> moderators, Set<Long> participants) {
            this.id = id;
            this.organisation = organisation;
            this.listed = listed;
            this.group = group;
            this.moderators = moderators;
            this.participants = participants;
        }
    }

    @AfterAll
    static void removeRedisKeys() {
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void everyUserSeesExactlyTheProjectsTheyMayViewColdWarmAndAfterEachMembershipChange() {
        generate();
        cache.clear();
        checkEveryone("cold", true);
        checkEveryone("warm", false);

        long group = pick(groupMembers.keySet());
        Set<Long> members = someUsers(3);
        ok(send("PATCH", "/api/admin/groups/" + group, "{\"members\": %s}".formatted(json(members)), asAdmin), 200);
        groupMembers.put(group, members);
        checkEveryone("group members changed", true);

        GeneratedProject project = projects.stream().filter(p -> p.listed).skip(3).findFirst().orElseThrow();
        Set<Long> moderators = someUsers(2);
        Set<Long> participants = someUsers(3);
        ok(send("PATCH", "/api/admin/projects/" + project.id, "{\"moderators\": %s, \"participants\": %s}"
                .formatted(json(moderators), json(participants)), asAdmin), 200);
        project.moderators = moderators;
        project.participants = participants;
        checkEveryone("moderators and participants changed", true);

        long organisation = pick(initiators.keySet());
        Set<Long> newInitiators = someUsers(2);
        ok(send("PATCH", "/api/admin/organisations/" + organisation, "{\"initiators\": %s}".formatted(json(newInitiators)),
                asAdmin), 200);
        initiators.put(organisation, newInitiators);
        checkEveryone("initiators changed", true);

        long promoted = plainUsers().get(0);
        ok(send("PATCH", "/api/admin/users/" + promoted, "{\"is_superuser\": true}", asAdmin), 200);
        superusers.add(promoted);
        long demoted = superusers.stream().filter(u -> u != admin && u != promoted).findFirst().orElseThrow();
        ok(send("PATCH", "/api/admin/users/" + demoted, "{\"is_superuser\": false}", asAdmin), 200);
        superusers.remove(demoted);
        checkEveryone("superuser flags changed", true);

        long deleted = project.moderators.iterator().next();
        ok(send("DELETE", "/api/admin/users/" + deleted, null, asAdmin), 204);
        String deletedName = usernames.remove(deleted);
        superusers.remove(deleted);
        initiators.values().forEach(users -> users.remove(deleted));
        groupMembers.values().forEach(users -> users.remove(deleted));
        projects.forEach(p -> {
            p.moderators.remove(deleted);
            p.participants.remove(deleted);
        });
        checkEveryone("a moderator deleted", true);
        // after the check of everyone: this request reads (and so stores) the entry before it is refused
        assertThat(http.get("/api/privateprojects/", "Authorization", Http.basic(deletedName, Fixtures.PASSWORD)).status())
                .isEqualTo(401);

        // Redis loses everything (a restart or a flush): whatever the cache does then, nobody sees too much or too little.
        RedisKeys.deleteAll(PREFIX);
        checkEveryone("after the Redis keys were deleted", null);
    }

    @Test
    void anonymousAndUsersWithoutAccessGetAnEmptyListFromAWarmEntry() {
        generate();
        cache.clear();
        long superuser = superusers.stream().filter(u -> u != admin).findFirst().orElseThrow();
        List<Long> all = expectedFor(superuser);
        assertThat(all).as("the population has listed private projects").hasSizeGreaterThan(10);
        for (String language : List.of("de", "en")) {
            Http.Response warmUp = privateProjects(language, "Authorization", Http.basic(usernames.get(superuser), Fixtures.PASSWORD));
            assertThat(ids(warmUp)).isEqualTo(all);

            for (Http.Response anonymous : List.of(privateProjects(language), http.get("/api/privateprojects", "Accept-Language", language))) {
                assertThat(anonymous.status()).isEqualTo(200);
                assertThat(anonymous.text()).isEqualTo("[]");
                assertThat(anonymous.header("Cache-Control")).isEqualTo("private, no-store");
                assertThat(anonymous.header("X-Cache")).isEqualTo("HIT");
            }
            for (long plain : plainUsers()) {
                Http.Response response = privateProjects(language, "Authorization", Http.basic(usernames.get(plain), Fixtures.PASSWORD));
                assertThat(response.text()).as(usernames.get(plain)).isEqualTo("[]");
                assertThat(response.header("X-Cache")).isEqualTo("HIT");
            }
            Http.Response wrongPassword = http.get("/api/privateprojects/", "Accept-Language", language,
                    "Authorization", Http.basic(usernames.get(superuser), "wrong"));
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(wrongPassword.text()).doesNotContain("\"id\"");
        }
    }

    @Test
    void aPrivateItemIsThePublicRenderingOfTheSameProjectFieldByField() {
        generate();
        cache.clear();
        long superuser = superusers.stream().filter(u -> u != admin).findFirst().orElseThrow();
        String as = Http.basic(usernames.get(superuser), Fixtures.PASSWORD);
        Map<String, JsonNode> privateItems = new HashMap<>();
        for (String language : List.of("de", "en")) {
            for (JsonNode item : privateProjects(language, "Authorization", as).json()) {
                privateItems.put(language + ":" + item.get("id").asLong(), item);
            }
        }
        assertThat(privateItems).hasSize(2 * expectedFor(superuser).size());

        // The same projects made public (nothing else about them changes): the public list renders them.
        jdbc.update("update project set access = 'PUBLIC' where access = 'PRIVATE'");
        cache.clear();
        for (String language : List.of("de", "en")) {
            Map<Long, JsonNode> publicItems = new HashMap<>();
            for (JsonNode item : http.get("/api/projects/", "Accept-Language", language).json()) {
                publicItems.put(item.get("id").asLong(), item);
            }
            for (long id : expectedFor(superuser)) {
                JsonNode privateItem = privateItems.get(language + ":" + id);
                JsonNode publicItem = publicItems.get(id);
                assertThat(publicItem).as("project %d public, %s", id, language).isNotNull();
                assertThat(privateItem.get("access").asInt()).as("PRIVATE").isEqualTo(3);
                assertThat(publicItem.get("access").asInt()).as("PUBLIC").isEqualTo(1);
                assertThat(fieldNames(privateItem)).as("project %d, %s", id, language).isEqualTo(fieldNames(publicItem));
                for (String field : fieldNames(publicItem)) {
                    if (!field.equals("access")) {
                        assertThat(privateItem.get(field)).as("project %d, %s: %s", id, language, field).isEqualTo(publicItem.get(field));
                    }
                }
            }
        }
    }

    private static List<String> fieldNames(JsonNode item) {
        List<String> names = new ArrayList<>();
        item.propertyNames().forEach(names::add);
        return names;
    }

    // ------------------------------------------------------------------ the population

    /**
     * Users 0–2 superusers, the last {@value #PLAIN_USERS} plain; the others become initiators,
     * group members, moderators and participants at random (a user may hold several roles).
     * Projects: mostly PRIVATE, some SEMIPUBLIC (never in this list), a few draft or archived.
     */
    private void generate() {
        usernames.put(admin, "admin");
        superusers.add(admin);
        for (int i = 0; i < USERS; i++) {
            String name = "user%03d".formatted(i);
            boolean superuser = i < 3;
            long id = fixtures.user(name, superuser);
            usernames.put(id, name);
            if (superuser) {
                superusers.add(id);
            }
        }
        List<Long> organisations = new ArrayList<>();
        for (int i = 0; i < ORGANISATIONS; i++) {
            long id = fixtures.organisation("Organisation " + i);
            organisations.add(id);
            Set<Long> users = someUsers(random.nextInt(3));
            users.forEach(user -> fixtures.initiator(id, user));
            initiators.put(id, users);
        }
        for (int i = 0; i < GROUPS; i++) {
            Set<Long> members = someUsers(1 + random.nextInt(4));
            long id = fixtures.group("Gruppe " + i, members.stream().mapToLong(Long::longValue).toArray());
            groupMembers.put(id, members);
        }
        List<Long> groups = List.copyOf(groupMembers.keySet());
        for (int i = 0; i < PROJECTS; i++) {
            long organisation = organisations.get(random.nextInt(organisations.size()));
            boolean isPrivate = random.nextInt(10) < 7;
            int state = random.nextInt(10); // 0 draft, 1 archived, else published
            Long group = random.nextBoolean() ? groups.get(random.nextInt(groups.size())) : null;
            Set<Long> moderators = someUsers(random.nextInt(3));
            Set<Long> participants = someUsers(random.nextInt(4));
            var builder = fixtures.project("Projekt " + i, organisation).access(isPrivate ? "PRIVATE" : "SEMIPUBLIC");
            if (state == 0) {
                builder.draft();
            } else if (state == 1) {
                builder.archived();
            }
            if (group != null) {
                builder.group(group);
            }
            moderators.forEach(builder::moderator);
            participants.forEach(builder::participant);
            long id = builder.insert();
            projects.add(new GeneratedProject(id, organisation, isPrivate && state > 1, group, moderators, participants));
        }
    }

    /** Some of the users that may hold roles (neither the first superusers nor the plain users). */
    private Set<Long> someUsers(int count) {
        List<Long> candidates = List.copyOf(usernames.keySet()).subList(4, 1 + USERS - PLAIN_USERS);
        Set<Long> chosen = new HashSet<>();
        while (chosen.size() < count) {
            chosen.add(candidates.get(random.nextInt(candidates.size())));
        }
        return chosen;
    }

    private List<Long> plainUsers() {
        List<Long> ids = List.copyOf(usernames.keySet());
        return ids.subList(ids.size() - PLAIN_USERS, ids.size()).stream().filter(u -> !superusers.contains(u)).toList();
    }

    private long pick(Set<Long> ids) {
        List<Long> sorted = ids.stream().sorted().toList();
        return sorted.get(random.nextInt(sorted.size()));
    }

    /** docs/api.md's rule, restated: superuser; initiator of the organisation; moderator; participant; group member. */
    private List<Long> expectedFor(long user) {
        List<Long> ids = projects.stream()
                .filter(p -> p.listed)
                .filter(p -> superusers.contains(user)
                        || initiators.getOrDefault(p.organisation, Set.of()).contains(user)
                        || p.moderators.contains(user)
                        || p.participants.contains(user)
                        || (p.group != null && groupMembers.getOrDefault(p.group, Set.of()).contains(user)))
                .map(p -> p.id)
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(ids); // generated in created order; the list is newest first
        return ids;
    }

    // ------------------------------------------------------------------ checking everyone

    /**
     * Every user in both languages (Basic), every third also by session, and anonymous. With
     * {@code missFirst} the first request of each language must have computed the entry (it was
     * cold or evicted by the change), every later one must be a hit of the shared entry; with
     * false all must be hits; with null hits and misses are not checked. A Basic hit of a user
     * already signed in since the last change (warm, or the second language) reads no database row.
     */
    private void checkEveryone(String when, Boolean missFirst) {
        Set<Long> roleless = new HashSet<>();
        for (String language : List.of("de", "en")) {
            boolean first = true;
            int n = 0;
            boolean signedInSinceTheChange = Boolean.FALSE.equals(missFirst) || (missFirst != null && language.equals("en"));
            for (Map.Entry<Long, String> user : usernames.entrySet()) {
                String as = when + ", " + user.getValue() + ", " + language;
                StatementCounter.Counted basic = countedPrivateProjects(language, "Authorization",
                        Http.basic(user.getValue(), Fixtures.PASSWORD));
                Http.Response response = basic.response();
                if (missFirst != null) {
                    assertThat(response.header("X-Cache")).as(as).isEqualTo(first && missFirst ? "MISS" : "HIT");
                }
                if (signedInSinceTheChange && !(first && missFirst)) {
                    assertThat(basic.statements()).as(as + ": SQL statements of a hit").isZero();
                }
                first = false;
                List<Long> expected = expectedFor(user.getKey());
                assertThat(ids(response)).as(as).isEqualTo(expected);
                assertLanguage(response, language, as);
                if (n++ % 3 == 0) {
                    Http.Response bySession = privateProjects(language, "Cookie", http.login(user.getValue(), Fixtures.PASSWORD));
                    assertThat(bySession.body()).as(as + " (session)").isEqualTo(response.body());
                }
                if (expected.isEmpty()) {
                    roleless.add(user.getKey());
                }
            }
            assertThat(privateProjects(language).text()).as(when + ", anonymous").isEqualTo("[]");
        }
        assertThat(roleless).as("users who may view nothing, served from the warm entry").isNotEmpty();
    }

    private Http.Response privateProjects(String language, String... headers) {
        return countedPrivateProjects(language, headers).response();
    }

    private StatementCounter.Counted countedPrivateProjects(String language, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept-Language";
        all[1] = language;
        System.arraycopy(headers, 0, all, 2, headers.length);
        StatementCounter.Counted counted = StatementCounter.get(http, "/api/privateprojects/", all);
        Http.Response response = counted.response();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return counted;
    }

    private static List<Long> ids(Http.Response response) {
        JsonNode items = response.json();
        assertThat(items.isArray()).as(response.text()).isTrue();
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : items) {
            assertThat(item.get("access").asInt()).isEqualTo(3); // PRIVATE
            ids.add(item.get("id").asLong());
        }
        return ids;
    }

    /** The generated projects have no district: its label shows the language. */
    private static void assertLanguage(Http.Response response, String language, String as) {
        String cityWide = language.equals("en") ? "City wide" : "Gesamtstädtisch";
        for (JsonNode item : response.json()) {
            assertThat(item.get("district").asString()).as(as).isEqualTo(cityWide);
        }
    }

    private static String json(Set<Long> ids) {
        return ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
