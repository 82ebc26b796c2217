package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.projects.Kind;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.WriteApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may do what, and organisations, users and groups with their events. */
class AdminPermissionAndAccountsTest extends WriteApiTest {

    @Test
    void withoutCredentials401WithTheBasicRealm() {
        Http.Response response = http.send("POST", "/api/admin/projects", projectJson("x", organisation));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"projekte\"");
        assertThat(response.json().get("detail").asString()).isEqualTo("Authentication required.");
        Http.Response wrongPassword = send("GET", "/api/admin/projects", null, Http.basic("admin", "wrong"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail").isString()).isTrue();
        assertThat(count("project")).isZero();
    }

    @Test
    void initiatorsManageTheirOrganisationsProjectsAndPlansOnly() {
        long initiator = fixtures.user("initiator", false);
        fixtures.initiator(organisation, initiator);
        long otherOrganisation = fixtures.organisation("Andere");
        fixtures.user("nobody", false);
        String asInitiator = Http.basic("initiator", Fixtures.PASSWORD);
        String asNobody = Http.basic("nobody", Fixtures.PASSWORD);
        long foreign = fixtures.project("Fremd", otherOrganisation).insert();

        JsonNode own = ok(send("POST", "/api/admin/projects", projectJson("Eigen", organisation), asInitiator), 201);
        long id = own.get("id").asLong();
        ok(send("PATCH", "/api/admin/projects/" + id, "{\"is_draft\": true}", asInitiator), 200);
        ok(send("POST", "/api/admin/plans", "{\"title\": \"Plan\", \"organisation\": %d}".formatted(organisation), asInitiator), 201);
        assertThat(ok(send("GET", "/api/admin/projects", null, asInitiator), 200)).hasSize(1);
        events.clear();

        // Another organisation's project: neither read, change, move into, nor delete.
        JsonNode denied = ok(send("GET", "/api/admin/projects/" + foreign, null, asInitiator), 403);
        assertThat(denied.get("detail").asString()).isEqualTo("You are not allowed to do this.");
        ok(send("PATCH", "/api/admin/projects/" + foreign, "{\"name\": \"mine\"}", asInitiator), 403);
        ok(send("DELETE", "/api/admin/projects/" + foreign, null, asInitiator), 403);
        ok(send("POST", "/api/admin/projects", projectJson("Dort", otherOrganisation), asInitiator), 403);
        ok(send("PATCH", "/api/admin/projects/" + id, "{\"organisation\": %d}".formatted(otherOrganisation), asInitiator), 403);
        ok(send("POST", "/api/admin/plans", "{\"title\": \"P\", \"organisation\": %d}".formatted(otherOrganisation), asInitiator), 403);
        // Users, groups, organisations: superusers only.
        ok(send("GET", "/api/admin/users", null, asInitiator), 403);
        ok(send("POST", "/api/admin/organisations", "{\"name\": \"Neu\"}", asInitiator), 403);
        ok(send("POST", "/api/admin/cache/clear", null, asInitiator), 403);
        // A user who initiates nothing manages nothing.
        ok(send("GET", "/api/admin/projects", null, asNobody), 403);
        ok(send("POST", "/api/admin/projects", projectJson("x", organisation), asNobody), 403);
        assertThat(jdbc.queryForObject("select name from project where id = ?", String.class, foreign)).isEqualTo("Fremd");
        assertThat(count("project")).isEqualTo(2);
        assertThat(events.all()).isEmpty();

        // The superuser flag counts at once: made superuser, the same credentials may do it all.
        ok(send("PATCH", "/api/admin/users/" + jdbc.queryForObject("select id from app_user where username = 'nobody'", Long.class),
                "{\"is_superuser\": true}", asAdmin), 200);
        ok(send("GET", "/api/admin/projects", null, asNobody), 200);
        ok(send("DELETE", "/api/admin/projects/" + id, null, asInitiator), 204);
    }

    @Test
    void permissionIsCheckedBeforeTheBodyIsValidated() {
        long initiator = fixtures.user("initiator", false);
        fixtures.initiator(organisation, initiator);
        fixtures.user("nobody", false);
        long foreign = fixtures.project("Fremd", fixtures.organisation("Andere")).insert();
        String asInitiator = Http.basic("initiator", Fixtures.PASSWORD);
        String asNobody = Http.basic("nobody", Fixtures.PASSWORD);
        String invalid = "{\"name\": 5, \"bogus\": true}";

        for (String path : List.of("/api/admin/projects", "/api/admin/extprojects/", "/api/admin/plans")) {
            JsonNode denied = ok(send("POST", path, invalid, asNobody), 403);
            assertThat(denied.has("errors")).as(path).isFalse();
        }
        ok(send("PUT", "/api/admin/projects/" + foreign, invalid, asInitiator), 403);
        ok(send("PATCH", "/api/admin/projects/" + foreign, "not json", asInitiator), 403);
        for (String path : List.of("/api/admin/organisations", "/api/admin/users/", "/api/admin/groups")) {
            ok(send("POST", path, invalid, asInitiator), 403);
        }
        ok(send("POST", "/api/admin/organisations", "not json", asNobody), 403);
        // someone who may: the body's faults are named
        assertThat(ok(send("POST", "/api/admin/projects", invalid, asInitiator), 400).get("errors").has("name")).isTrue();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void organisationsRoundTripWithTheirEvents() {
        long user = fixtures.user("anna", false);
        JsonNode created = ok(send("POST", "/api/admin/organisations", "{\"name\": \"Senat\", \"initiators\": [%d]}".formatted(user),
                asAdmin), 201);
        long id = created.get("id").asLong();
        assertThat(created.get("initiators").toString()).isEqualTo("[" + user + "]");
        assertThat(events.all()).containsExactly(new MembershipChanged("initiators"));
        assertThat(ok(send("GET", "/api/admin/organisations/" + id, null, asAdmin), 200)).isEqualTo(created);
        assertThat(ok(send("GET", "/api/admin/organisations", null, asAdmin), 200)).hasSize(2);

        events.clear();
        ok(send("POST", "/api/admin/organisations", "{\"name\": \"Leer\"}", asAdmin), 201);
        assertThat(events.all()).isEmpty();
        JsonNode renamed = ok(send("PATCH", "/api/admin/organisations/" + id, "{\"name\": \"Senatsverwaltung\"}", asAdmin), 200);
        assertThat(renamed.get("initiators")).isEqualTo(created.get("initiators"));
        assertThat(events.all()).containsExactly(new SharedDataChanged("organisation"));
        events.clear();
        ok(send("PUT", "/api/admin/organisations/" + id, "{\"name\": \"Senatsverwaltung\", \"initiators\": []}", asAdmin), 200);
        assertThat(events.all()).containsExactly(new MembershipChanged("initiators"));
        JsonNode unknown = ok(send("PATCH", "/api/admin/organisations/" + id, "{\"initiators\": [999999]}", asAdmin), 400);
        assertThat(unknown.get("errors").get("initiators").asString()).contains("unknown user");

        // Still has a project: 409, nothing deleted.
        long project = fixtures.project("P", id).insert();
        events.clear();
        JsonNode conflict = ok(send("DELETE", "/api/admin/organisations/" + id, null, asAdmin), 409);
        assertThat(conflict.get("detail").asString()).contains("projects or plans");
        assertThat(events.all()).isEmpty();
        ok(send("DELETE", "/api/admin/projects/" + project, null, asAdmin), 204);
        events.clear();
        ok(send("DELETE", "/api/admin/organisations/" + id, null, asAdmin), 204);
        assertThat(events.all()).containsExactly(new SharedDataChanged("organisation"));
        ok(send("GET", "/api/admin/organisations/" + id, null, asAdmin), 404);
    }

    @Test
    void usersRoundTripPasswordsAreWriteOnlyAndUsernamesUnique() {
        JsonNode created = ok(send("POST", "/api/admin/users", "{\"username\": \"bert\", \"password\": \"pw-1\"}", asAdmin), 201);
        long id = created.get("id").asLong();
        assertThat(created.has("password")).isFalse();
        assertThat(created.toString()).doesNotContain("pw-1").doesNotContain("bcrypt");
        assertThat(created.get("is_superuser").asBoolean()).isFalse();
        assertThat(events.all()).isEmpty();
        ok(send("GET", "/api/admin/organisations", null, Http.basic("bert", "pw-1")), 403);

        JsonNode duplicate = ok(send("POST", "/api/admin/users", "{\"username\": \"bert\", \"password\": \"x\"}", asAdmin), 409);
        assertThat(duplicate.get("errors").get("username").asString()).isEqualTo("is already taken");
        ok(send("POST", "/api/admin/users", "{\"username\": \"carl\"}", asAdmin), 400);
        // BCrypt reads 72 bytes: a longer password (here 73 bytes in 37 characters) is refused, never cut or a 500
        JsonNode tooLong = ok(send("POST", "/api/admin/users", "{\"username\": \"carl\", \"password\": \"%s\"}"
                .formatted("ä".repeat(36) + "x"), asAdmin), 400);
        assertThat(tooLong.get("errors").get("password").asString()).contains("72 bytes");

        // A new password replaces the old at once (the remembered check is keyed by the stored hash).
        ok(send("PATCH", "/api/admin/users/" + id, "{\"password\": \"pw-2\"}", asAdmin), 200);
        ok(send("GET", "/api/admin/projects", null, Http.basic("bert", "pw-1")), 401);
        ok(send("GET", "/api/admin/users", null, Http.basic("bert", "pw-2")), 403);
        // instances remember signed-in users under the privateprojects generation: a new password evicts it
        assertThat(events.all()).containsExactly(new MembershipChanged("credentials"));
        events.clear();

        ok(send("PATCH", "/api/admin/users/" + id, "{\"is_superuser\": true}", asAdmin), 200);
        assertThat(events.all()).containsExactly(new MembershipChanged("superuser"));
        assertThat(ok(send("GET", "/api/admin/users", null, Http.basic("bert", "pw-2")), 200)).hasSize(2);
        events.clear();
        ok(send("DELETE", "/api/admin/users/" + id, null, asAdmin), 204);
        assertThat(events.all()).containsExactly(new MembershipChanged("user deleted"));
        ok(send("GET", "/api/admin/users", null, Http.basic("bert", "pw-2")), 401);
    }

    @Test
    void groupsRoundTripWithMembershipEvents() {
        long anna = fixtures.user("anna", false);
        long bert = fixtures.user("bert", false);
        ok(send("POST", "/api/admin/groups", "{\"name\": \"Leer\"}", asAdmin), 201);
        assertThat(events.all()).isEmpty();
        JsonNode created = ok(send("POST", "/api/admin/groups", "{\"name\": \"Jury\", \"members\": [%d]}".formatted(anna), asAdmin), 201);
        long id = created.get("id").asLong();
        assertThat(events.all()).containsExactly(new MembershipChanged("group members"));
        ok(send("POST", "/api/admin/groups", "{\"name\": \"Jury\"}", asAdmin), 409);

        events.clear();
        ok(send("PATCH", "/api/admin/groups/" + id, "{\"name\": \"Die Jury\"}", asAdmin), 200);
        assertThat(events.all()).isEmpty();
        JsonNode members = ok(send("PATCH", "/api/admin/groups/" + id, "{\"members\": [%d, %d]}".formatted(anna, bert), asAdmin), 200);
        assertThat(members.get("members").toString()).isEqualTo("[" + anna + "," + bert + "]");
        assertThat(members.get("name").asString()).isEqualTo("Die Jury");
        assertThat(events.all()).containsExactly(new MembershipChanged("group members"));

        long project = ok(send("POST", "/api/admin/projects", """
                {"name": "Privat", "organisation": %d, "access": "PRIVATE", "group": %d}""".formatted(organisation, id), asAdmin), 201)
                .get("id").asLong();
        events.clear();
        ok(send("DELETE", "/api/admin/groups/" + id, null, asAdmin), 204);
        assertThat(events.all()).containsExactly(new MembershipChanged("group deleted"));
        assertThat(ok(send("GET", "/api/admin/projects/" + project, null, asAdmin), 200).get("group").isNull()).isTrue();
        assertThat(events.all()).doesNotContain(new ProjectChanged(Kind.PROJECT));
    }
}
