package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.WriteApiTest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Projects and external projects through {@code /api/admin/}: round trips, PATCH, 404, 409, events. */
class ProjectAdminTest extends WriteApiTest {

    private String fullProject(long plan, long moderator) {
        return """
                {"name": "Neugestaltung Spielplatz Ölmühle", "description": "Worum es geht", "information": "Mehr",
                 "access": "SEMIPUBLIC", "kind": "PROJECT", "is_draft": false, "is_archived": false,
                 "organisation": %d, "district": "mi", "topics": ["URB", "CHI"],
                 "point": {"lon": 13.4, "lat": 52.52}, "street": "Alexanderplatz", "house_number": "1", "zip_code": "10178",
                 "tile_image": "https://img.example.org/t.jpg", "tile_image_alt_text": "Kacheln", "tile_image_copyright": "© A",
                 "image": "/media/h.jpg", "image_alt_text": "Kopf", "image_copyright": "© B",
                 "external_url": "", "group": null, "moderators": [%d], "participants": [], "plans": [%d],
                 "modules": [
                   {"name": "Ideen", "weight": 1, "is_draft": false, "phases": [
                     {"name": "Sammeln", "type": "debate", "weight": 0,
                      "start_date": "2026-05-01T10:00:00+02:00", "end_date": "2026-05-31T18:00:00+02:00"},
                     {"name": "Abstimmen", "type": "voting", "weight": 1, "start_date": "2026-06-01T00:00:00Z", "end_date": null}]},
                   {"name": "Entwurf", "weight": 2, "is_draft": true, "phases": []}]}
                """.formatted(organisation, moderator, plan);
    }

    @Test
    void createReadListUpdateDelete() {
        long plan = fixtures.plan("Vorhaben", organisation).insert();
        long moderator = fixtures.user("mod", false);

        JsonNode created = ok(send("POST", "/api/admin/projects/", fullProject(plan, moderator), asAdmin), 201);
        long id = created.get("id").asLong();
        assertThat(created.get("slug").asString()).isEqualTo("neugestaltung-spielplatz-oelmuehle");
        assertThat(created.get("access").asString()).isEqualTo("SEMIPUBLIC");
        assertThat(created.get("district").asString()).isEqualTo("mi");
        assertThat(created.get("topics").toString()).isEqualTo("[\"CHI\",\"URB\"]");
        assertThat(created.get("point").get("lon").asDouble()).isEqualTo(13.4);
        assertThat(created.get("moderators").toString()).isEqualTo("[" + moderator + "]");
        assertThat(created.get("plans").toString()).isEqualTo("[" + plan + "]");
        assertThat(created.get("modules")).hasSize(2);
        JsonNode phase = created.get("modules").get(0).get("phases").get(0);
        assertThat(phase.get("start_date").asString()).isEqualTo("2026-05-01T10:00:00+02:00");
        assertThat(created.get("modules").get(0).get("phases").get(1).get("end_date").isNull()).isTrue();
        assertThat(created.get("modules").get(1).get("is_draft").asBoolean()).isTrue();
        assertThat(created.get("created").isString()).isTrue();
        assertThat(created.get("modified").isNull()).isTrue();
        assertThat(events.all()).containsExactly(new ProjectChanged(Kind.PROJECT));

        // GET one and the list give the same object.
        assertThat(ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 200)).isEqualTo(created);
        JsonNode list = ok(send("GET", "/api/admin/projects", null, asAdmin), 200);
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(created);

        // PUT replaces: fields left out take their defaults, slug is kept, modules are replaced.
        events.clear();
        JsonNode put = ok(send("PUT", "/api/admin/projects/" + id, """
                {"name": "Neuer Name", "organisation": %d, "access": "PUBLIC", "kind": "BPLAN",
                 "external_url": "https://bplan.example.org/1", "modules": [{"name": "Nur einer", "phases": []}]}
                """.formatted(organisation), asAdmin), 200);
        assertThat(put.get("name").asString()).isEqualTo("Neuer Name");
        assertThat(put.get("slug").asString()).isEqualTo("neugestaltung-spielplatz-oelmuehle");
        assertThat(put.get("kind").asString()).isEqualTo("BPLAN");
        assertThat(put.get("topics")).isEmpty();
        assertThat(put.get("district").isNull()).isTrue();
        assertThat(put.get("moderators")).isEmpty();
        assertThat(put.get("modules")).hasSize(1);
        assertThat(put.get("modified").isString()).isTrue();
        assertThat(events.all()).containsExactlyInAnyOrder(new ProjectChanged(Kind.PROJECT), new ProjectChanged(Kind.BPLAN));
        assertThat(count("phase")).isZero();

        events.clear();
        ok(send("DELETE", "/api/admin/projects/" + id, null, asAdmin), 204);
        assertThat(events.all()).containsExactly(new ProjectChanged(Kind.BPLAN));
        assertThat(count("project")).isZero();
        assertThat(count("module")).isZero();
        ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 404);
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        long plan = fixtures.plan("Vorhaben", organisation).insert();
        long moderator = fixtures.user("mod", false);
        JsonNode created = ok(send("POST", "/api/admin/projects", fullProject(plan, moderator), asAdmin), 201);
        long id = created.get("id").asLong();
        List<Long> moduleIds = jdbc.queryForList("select id from module order by id", Long.class);
        events.clear();

        JsonNode patched = ok(send("PATCH", "/api/admin/projects/" + id,
                "{\"is_draft\": true, \"district\": null, \"point\": null}", asAdmin), 200);
        assertThat(patched.get("is_draft").asBoolean()).isTrue();
        assertThat(patched.get("district").isNull()).isTrue();
        assertThat(patched.get("point").isNull()).isTrue();
        // Everything else as before (modules untouched: same rows).
        for (String field : List.of("name", "slug", "description", "access", "topics", "street", "tile_image", "moderators", "plans",
                "modules", "organisation", "created")) {
            assertThat(patched.get(field)).as(field).isEqualTo(created.get(field));
        }
        assertThat(jdbc.queryForList("select id from module order by id", Long.class)).isEqualTo(moduleIds);
        assertThat(events.all()).containsExactly(new ProjectChanged(Kind.PROJECT));

        // Modules sent: replaced as a whole.
        JsonNode withModules = ok(send("PATCH", "/api/admin/projects/" + id, "{\"modules\": []}", asAdmin), 200);
        assertThat(withModules.get("modules")).isEmpty();
        assertThat(count("module")).isZero();
        assertThat(withModules.get("topics")).isEqualTo(created.get("topics"));
    }

    @Test
    void concurrentPatchesOfDifferentFieldsBothSurvive() throws Exception {
        long id = ok(send("POST", "/api/admin/projects", projectJson("Start", organisation), asAdmin), 201).get("id").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                String name = "Name " + round;
                String description = "Beschreibung " + round;
                Future<Http.Response> a = pool.submit(() -> {
                    start.await();
                    return send("PATCH", "/api/admin/projects/" + id, "{\"name\": \"" + name + "\"}", asAdmin);
                });
                Future<Http.Response> b = pool.submit(() -> {
                    start.await();
                    return send("PATCH", "/api/admin/projects/" + id, "{\"description\": \"" + description + "\"}", asAdmin);
                });
                start.countDown();
                ok(a.get(30, TimeUnit.SECONDS), 200);
                ok(b.get(30, TimeUnit.SECONDS), 200);
                JsonNode stored = ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 200);
                assertThat(stored.get("name").asString()).as("round " + round).isEqualTo(name);
                assertThat(stored.get("description").asString()).as("round " + round).isEqualTo(description);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPatchThatChangesNothingWritesAndRaisesNothing() {
        long plan = fixtures.plan("Vorhaben", organisation).insert();
        long moderator = fixtures.user("mod", false);
        JsonNode created = ok(send("POST", "/api/admin/projects", fullProject(plan, moderator), asAdmin), 201);
        long id = created.get("id").asLong();
        List<Long> moduleIds = jdbc.queryForList("select id from module order by id", Long.class);
        events.clear();

        JsonNode same = ok(send("PATCH", "/api/admin/projects/" + id, """
                {"name": "Neugestaltung Spielplatz Ölmühle", "topics": ["URB", "CHI"], "moderators": [%d]}""".formatted(moderator),
                asAdmin), 200);
        assertThat(same).isEqualTo(created);
        ok(send("PATCH", "/api/admin/projects/" + id, "{}", asAdmin), 200);
        ok(send("PUT", "/api/admin/projects/" + id, fullProject(plan, moderator), asAdmin), 200);
        assertThat(events.all()).isEmpty();
        assertThat(jdbc.queryForList("select id from module order by id", Long.class)).as("modules not rewritten").isEqualTo(moduleIds);
        assertThat(ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 200).get("modified").isNull()).isTrue();

        long planId = ok(send("POST", "/api/admin/plans", "{\"title\": \"T\", \"organisation\": %d}".formatted(organisation), asAdmin),
                201).get("id").asLong();
        events.clear();
        ok(send("PATCH", "/api/admin/plans/" + planId, "{\"title\": \"T\"}", asAdmin), 200);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void changingOnlyWhoMayViewIsAMembershipChangeThatKeepsModified() {
        long alice = fixtures.user("alice", false);
        long bob = fixtures.user("bob", false);
        long group = fixtures.group("Kiezteam", alice);
        JsonNode created = ok(send("POST", "/api/admin/projects/", """
                {"name": "Hofgarten", "organisation": %d, "access": "PRIVATE", "moderators": [%d], "topics": ["URB"],
                 "modules": [{"name": "Ideen", "phases": [{"name": "Sammeln", "start_date": "2030-01-01T00:00:00Z"}]}]}
                """.formatted(organisation, alice), asAdmin), 201);
        long id = created.get("id").asLong();
        events.clear();

        JsonNode patched = ok(send("PATCH", "/api/admin/projects/" + id, """
                {"moderators": [%d], "participants": [%d], "group": %d}""".formatted(bob, alice, group), asAdmin), 200);
        assertThat(patched.get("moderators").toString()).isEqualTo("[" + bob + "]");
        assertThat(patched.get("participants").toString()).isEqualTo("[" + alice + "]");
        assertThat(patched.get("group").asLong()).isEqualTo(group);
        assertThat(patched.get("modified").isNull()).as("no list item changed").isTrue();
        assertThat(patched.get("modules")).isEqualTo(created.get("modules"));
        assertThat(events.all()).containsExactly(new MembershipChanged("project members"));

        events.clear();
        JsonNode renamed = ok(send("PATCH", "/api/admin/projects/" + id, """
                {"name": "Hofgarten II", "moderators": [%d]}""".formatted(alice), asAdmin), 200);
        assertThat(renamed.get("moderators").toString()).isEqualTo("[" + alice + "]");
        assertThat(renamed.get("modified").isString()).isTrue();
        assertThat(events.all()).as("the project row evicts privateprojects too").containsExactly(new ProjectChanged(Kind.PROJECT));
    }

    @Test
    void slugsAreGeneratedUniqueAndADuplicateIsAConflict() {
        JsonNode first = ok(send("POST", "/api/admin/projects", projectJson("Radweg Mitte", organisation), asAdmin), 201);
        JsonNode second = ok(send("POST", "/api/admin/projects", projectJson("Radweg Mitte", organisation), asAdmin), 201);
        assertThat(first.get("slug").asString()).isEqualTo("radweg-mitte");
        assertThat(second.get("slug").asString()).isEqualTo("radweg-mitte-2");
        events.clear();

        var conflict = send("POST", "/api/admin/projects",
                "{\"name\": \"x\", \"slug\": \"radweg-mitte\", \"organisation\": %d, \"access\": \"PUBLIC\"}".formatted(organisation), asAdmin);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("errors").get("slug").asString()).isEqualTo("is already taken");
        var patchConflict = send("PATCH", "/api/admin/projects/" + second.get("id").asLong(), "{\"slug\": \"radweg-mitte\"}", asAdmin);
        assertThat(patchConflict.status()).isEqualTo(409);
        assertThat(count("project")).isEqualTo(2);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void unknownIdsAre404() {
        ok(send("GET", "/api/admin/projects/999999", null, asAdmin), 404);
        ok(send("PUT", "/api/admin/projects/999999", projectJson("x", organisation), asAdmin), 404);
        ok(send("PATCH", "/api/admin/projects/999999", "{}", asAdmin), 404);
        ok(send("DELETE", "/api/admin/projects/999999", null, asAdmin), 404);
        JsonNode body = ok(send("DELETE", "/api/admin/plans/999999", null, asAdmin), 404);
        assertThat(body.get("detail").asString()).isEqualTo("Not found.");
        ok(send("GET", "/api/admin/nothing-here", null, asAdmin), 404);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void externalProjectsAreProjectsOfKindExternal() {
        JsonNode created = ok(send("POST", "/api/admin/extprojects/", """
                {"name": "Extern", "organisation": %d, "access": "PUBLIC", "external_url": "https://example.org/p"}
                """.formatted(organisation), asAdmin), 201);
        assertThat(created.get("kind").asString()).isEqualTo("EXTERNAL");
        assertThat(events.all()).containsExactly(new ProjectChanged(Kind.EXTERNAL));
        long id = created.get("id").asLong();
        long other = ok(send("POST", "/api/admin/projects", projectJson("Intern", organisation), asAdmin), 201).get("id").asLong();

        assertThat(ok(send("GET", "/api/admin/extprojects", null, asAdmin), 200)).hasSize(1);
        assertThat(ok(send("GET", "/api/admin/projects", null, asAdmin), 200)).hasSize(2);
        ok(send("GET", "/api/admin/extprojects/" + other, null, asAdmin), 404);
        JsonNode wrongKind = ok(send("PATCH", "/api/admin/extprojects/" + id, "{\"kind\": \"PROJECT\"}", asAdmin), 400);
        assertThat(wrongKind.get("errors").get("kind").asString()).contains("EXTERNAL");
        JsonNode noUrl = ok(send("POST", "/api/admin/extprojects", projectJson("Ohne URL", organisation), asAdmin), 400);
        assertThat(noUrl.get("errors").has("external_url")).isTrue();

        events.clear();
        JsonNode patched = ok(send("PATCH", "/api/admin/extprojects/" + id, "{\"is_archived\": true}", asAdmin), 200);
        assertThat(patched.get("is_archived").asBoolean()).isTrue();
        assertThat(events.all()).containsExactly(new ProjectChanged(Kind.EXTERNAL));
        ok(send("DELETE", "/api/admin/extprojects/" + id, null, asAdmin), 204);
        ok(send("DELETE", "/api/admin/extprojects/" + other, null, asAdmin), 404);
    }

    @Test
    void plansRoundTripAndRaisePlanChanged() {
        long project = ok(send("POST", "/api/admin/projects", projectJson("P", organisation), asAdmin), 201).get("id").asLong();
        events.clear();
        JsonNode created = ok(send("POST", "/api/admin/plans", """
                {"title": "Vorhaben Tegel", "organisation": %d, "point": {"lon": 13.29, "lat": 52.56}, "street": "Flughafen",
                 "house_number": "1", "zip_code": "13405", "point_label": "Tegel", "district": "rd", "cost": "1 Mio",
                 "description": "Ein Plan", "tile_image": "https://i.example.org/t.jpg", "topics": ["URB"], "status": 1,
                 "participation": 3, "is_draft": false, "projects": [%d]}
                """.formatted(organisation, project), asAdmin), 201);
        long id = created.get("id").asLong();
        assertThat(created.get("status").asInt()).isEqualTo(1);
        assertThat(created.get("participation").asInt()).isEqualTo(3);
        assertThat(created.get("projects").toString()).isEqualTo("[" + project + "]");
        assertThat(created.get("district").asString()).isEqualTo("rd");
        assertThat(events.all()).containsExactly(new PlanChanged());
        assertThat(ok(send("GET", "/api/admin/plans/" + id, null, asAdmin), 200)).isEqualTo(created);
        assertThat(ok(send("GET", "/api/admin/projects/" + project, null, asAdmin), 200).get("plans").toString())
                .isEqualTo("[" + id + "]");

        events.clear();
        JsonNode patched = ok(send("PATCH", "/api/admin/plans/" + id, "{\"projects\": [], \"cost\": \"2 Mio\"}", asAdmin), 200);
        assertThat(patched.get("projects")).isEmpty();
        assertThat(patched.get("cost").asString()).isEqualTo("2 Mio");
        assertThat(patched.get("title")).isEqualTo(created.get("title"));
        assertThat(patched.get("topics")).isEqualTo(created.get("topics"));
        assertThat(events.all()).containsExactly(new PlanChanged());

        JsonNode put = ok(send("PUT", "/api/admin/plans/" + id, "{\"title\": \"Neu\", \"organisation\": %d}".formatted(organisation),
                asAdmin), 200);
        assertThat(put.get("topics")).isEmpty();
        assertThat(put.get("status").asInt()).isZero();
        assertThat(ok(send("GET", "/api/admin/plans", null, asAdmin), 200)).hasSize(1);

        JsonNode bad = ok(send("PATCH", "/api/admin/plans/" + id, "{\"participation\": 4, \"status\": \"done\"}", asAdmin), 400);
        assertThat(bad.get("errors").has("status")).isTrue();
        JsonNode bad2 = ok(send("PATCH", "/api/admin/plans/" + id, "{\"participation\": 4}", asAdmin), 400);
        assertThat(bad2.get("errors").has("participation")).isTrue();

        events.clear();
        ok(send("DELETE", "/api/admin/plans/" + id, null, asAdmin), 204);
        assertThat(events.all()).containsExactly(new PlanChanged());
        assertThat(count("plan")).isZero();
    }
}
