package berlin.projekte.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Hand-built data for read tests, written with plain SQL so every column the lists show can be set
 * exactly (the write API has its own tests).
 */
public final class Fixtures {

    /** Every fixture user's password. */
    public static final String PASSWORD = "secret-pw";
    private static final String PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private int sequence;

    public Fixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes everything but the reference data (topics, districts). */
    public void deleteAll() {
        for (String table : List.of("plan_project", "plan_topic", "plan", "phase", "module", "project_participant",
                "project_moderator", "project_topic", "project", "group_member", "user_group", "organisation_initiator",
                "app_user", "organisation")) {
            jdbc.update("delete from " + table);
        }
    }

    public long organisation(String name) {
        return insert("insert into organisation (name) values (?)", name);
    }

    public long user(String username, boolean superuser) {
        return insert("insert into app_user (username, password_hash, is_superuser, created) values (?, ?, ?, ?)",
                username, PASSWORD_HASH, superuser, Timestamp.from(T0));
    }

    public long group(String name, long... members) {
        long id = insert("insert into user_group (name) values (?)", name);
        for (long member : members) {
            jdbc.update("insert into group_member (group_id, user_id) values (?, ?)", id, member);
        }
        return id;
    }

    public void initiator(long organisation, long user) {
        jdbc.update("insert into organisation_initiator (organisation_id, user_id) values (?, ?)", organisation, user);
    }

    public ProjectBuilder project(String name, long organisation) {
        return new ProjectBuilder(name, organisation);
    }

    public PlanBuilder plan(String title, long organisation) {
        return new PlanBuilder(title, organisation);
    }

    private long insert(String sql, Object... args) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var statement = c.prepareStatement(sql, new String[] {"id"});
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public record Phase(Instant start, Instant end) {
    }

    public static Phase phase(Instant start, Instant end) {
        return new Phase(start, end);
    }

    public final class ProjectBuilder {
        private final String name;
        private final long organisation;
        private String slug;
        private String access = "PUBLIC";
        private String kind = "PROJECT";
        private String externalUrl = "";
        private boolean draft;
        private boolean archived;
        private Instant created = T0.plusSeconds(++sequence);
        private Instant modified;
        private String district;
        private Double lon;
        private Double lat;
        private String street = "";
        private String houseNumber = "";
        private String zipCode = "";
        private String[] tile = {"", "", ""};
        private String[] header = {"", "", ""};
        private Long group;
        private final List<String> topics = new ArrayList<>();
        private final List<Boolean> moduleDrafts = new ArrayList<>();
        private final List<List<Phase>> modules = new ArrayList<>();
        private final List<Long> plans = new ArrayList<>();
        private final List<Long> moderators = new ArrayList<>();
        private final List<Long> participants = new ArrayList<>();

        private ProjectBuilder(String name, long organisation) {
            this.name = name;
            this.organisation = organisation;
            this.slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + sequence;
        }

        public ProjectBuilder slug(String slug) { this.slug = slug; return this; }
        public ProjectBuilder access(String access) { this.access = access; return this; }
        public ProjectBuilder kind(String kind, String externalUrl) { this.kind = kind; this.externalUrl = externalUrl; return this; }
        public ProjectBuilder draft() { this.draft = true; return this; }
        public ProjectBuilder archived() { this.archived = true; return this; }
        public ProjectBuilder created(Instant created) { this.created = created; return this; }
        public ProjectBuilder modified(Instant modified) { this.modified = modified; return this; }
        public ProjectBuilder district(String shortCode) { this.district = shortCode; return this; }
        public ProjectBuilder group(long group) { this.group = group; return this; }
        public ProjectBuilder topics(String... codes) { topics.addAll(List.of(codes)); return this; }
        public ProjectBuilder plan(long plan) { plans.add(plan); return this; }
        public ProjectBuilder moderator(long user) { moderators.add(user); return this; }
        public ProjectBuilder participant(long user) { participants.add(user); return this; }

        public ProjectBuilder point(double lon, double lat, String street, String houseNumber, String zipCode) {
            this.lon = lon;
            this.lat = lat;
            this.street = street;
            this.houseNumber = houseNumber;
            this.zipCode = zipCode;
            return this;
        }

        public ProjectBuilder tile(String url, String alt, String copyright) { tile = new String[] {url, alt, copyright}; return this; }
        public ProjectBuilder header(String url, String alt, String copyright) { header = new String[] {url, alt, copyright}; return this; }

        public ProjectBuilder module(Phase... phases) { return module(false, phases); }

        public ProjectBuilder module(boolean moduleDraft, Phase... phases) {
            moduleDrafts.add(moduleDraft);
            modules.add(List.of(phases));
            return this;
        }

        public long insert() {
            Long districtId = district == null ? null
                    : jdbc.queryForObject("select id from district where short_code = ?", Long.class, district);
            long id = Fixtures.this.insert("insert into project (name, slug, description, information, access, is_draft, is_archived,"
                            + " created, modified, organisation_id, district_id, lon, lat, street, house_number, zip_code,"
                            + " tile_image, tile_image_alt_text, tile_image_copyright, image, image_alt_text, image_copyright,"
                            + " kind, external_url, group_id) values (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    name, slug, "About " + name, access, draft, archived, ts(created), ts(modified), organisation, districtId,
                    lon, lat, street, houseNumber, zipCode, tile[0], tile[1], tile[2], header[0], header[1], header[2],
                    kind, externalUrl, group);
            for (String topic : topics) {
                jdbc.update("insert into project_topic (project_id, topic_code) values (?, ?)", id, topic);
            }
            for (int m = 0; m < modules.size(); m++) {
                long module = Fixtures.this.insert("insert into module (project_id, name, weight, is_draft) values (?, ?, ?, ?)",
                        id, "module " + m, m, moduleDrafts.get(m));
                int weight = 0;
                for (Phase phase : modules.get(m)) {
                    jdbc.update("insert into phase (module_id, name, type, weight, start_date, end_date) values (?, ?, ?, ?, ?, ?)",
                            module, "phase " + weight, "debate", weight++, ts(phase.start()), ts(phase.end()));
                }
            }
            for (long plan : plans) {
                jdbc.update("insert into plan_project (plan_id, project_id) values (?, ?)", plan, id);
            }
            for (long user : moderators) {
                jdbc.update("insert into project_moderator (project_id, user_id) values (?, ?)", id, user);
            }
            for (long user : participants) {
                jdbc.update("insert into project_participant (project_id, user_id) values (?, ?)", id, user);
            }
            return id;
        }
    }

    public final class PlanBuilder {
        private final String title;
        private final long organisation;
        private Instant created = T0.plusSeconds(++sequence);
        private Instant modified;
        private String district;
        private Double lon;
        private Double lat;
        private String street = "";
        private String houseNumber = "";
        private String zipCode = "";
        private String pointLabel = "";
        private String cost = "";
        private String[] tile = {"", "", ""};
        private String[] header = {"", "", ""};
        private int status;
        private int participation;
        private boolean draft;
        private final List<String> topics = new ArrayList<>();

        private PlanBuilder(String title, long organisation) {
            this.title = title;
            this.organisation = organisation;
        }

        public PlanBuilder created(Instant created) { this.created = created; return this; }
        public PlanBuilder modified(Instant modified) { this.modified = modified; return this; }
        public PlanBuilder district(String shortCode) { this.district = shortCode; return this; }
        public PlanBuilder cost(String cost) { this.cost = cost; return this; }
        public PlanBuilder pointLabel(String label) { this.pointLabel = label; return this; }
        public PlanBuilder done() { this.status = 1; return this; }
        public PlanBuilder participation(int level) { this.participation = level; return this; }
        public PlanBuilder draft() { this.draft = true; return this; }
        public PlanBuilder topics(String... codes) { topics.addAll(List.of(codes)); return this; }
        public PlanBuilder tile(String url, String alt, String copyright) { tile = new String[] {url, alt, copyright}; return this; }
        public PlanBuilder header(String url, String alt, String copyright) { header = new String[] {url, alt, copyright}; return this; }

        public PlanBuilder point(double lon, double lat, String street, String houseNumber, String zipCode) {
            this.lon = lon;
            this.lat = lat;
            this.street = street;
            this.houseNumber = houseNumber;
            this.zipCode = zipCode;
            return this;
        }

        public long insert() {
            Long districtId = district == null ? null
                    : jdbc.queryForObject("select id from district where short_code = ?", Long.class, district);
            long id = Fixtures.this.insert("insert into plan (title, organisation_id, lon, lat, street, house_number, zip_code,"
                            + " point_label, district_id, cost, description, tile_image, tile_image_alt_text, tile_image_copyright,"
                            + " image, image_alt_text, image_copyright, status, participation, is_draft, created, modified)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    title, organisation, lon, lat, street, houseNumber, zipCode, pointLabel, districtId, cost,
                    tile[0], tile[1], tile[2], header[0], header[1], header[2], status, participation, draft,
                    ts(created), ts(modified));
            for (String topic : topics) {
                jdbc.update("insert into plan_topic (plan_id, topic_code) values (?, ?)", id, topic);
            }
            return id;
        }
    }
}
