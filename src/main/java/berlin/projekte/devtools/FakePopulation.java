package berlin.projekte.devtools;

import static berlin.projekte.devtools.FakeInputs.EXT_PROJECT_PREFIX;
import static berlin.projekte.devtools.FakeInputs.GROUP_PREFIX;
import static berlin.projekte.devtools.FakeInputs.ORGANISATION_PREFIX;
import static berlin.projekte.devtools.FakeInputs.PLAN_PREFIX;
import static berlin.projekte.devtools.FakeInputs.PROJECT_PREFIX;
import static berlin.projekte.devtools.FakeInputs.USER_PREFIX;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.GroupInput;
import berlin.projekte.accounts.GroupService;
import berlin.projekte.accounts.OrganisationInput;
import berlin.projekte.accounts.OrganisationService;
import berlin.projekte.accounts.UserInput;
import berlin.projekte.accounts.UserService;
import berlin.projekte.plans.PlanService;
import berlin.projekte.projects.ProjectInput;
import berlin.projekte.projects.ProjectService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The fake objects of {@code devtools}: counted, topped up or trimmed to an exact number, and
 * deleted. Fake objects are recognised by their name prefix only, so real data is never touched.
 * Everything is written through the write API's services (as the system), so every change raises
 * the same events and evicts the same cache entries as a change through HTTP.
 */
@Service
public class FakePopulation {

    static final int USERS = 20;
    static final int ORGANISATIONS = 8;
    static final int GROUPS = 4;

    /** How many fake objects of each kind exist. */
    public record Counts(int projects, int plans, int extProjects) {
    }

    /** Object kinds by their name prefix; the number after the prefix is the object's index. */
    private enum Fake {
        PROJECT("project", "name", PROJECT_PREFIX),
        EXT_PROJECT("project", "name", EXT_PROJECT_PREFIX),
        PLAN("plan", "title", PLAN_PREFIX);

        final String table;
        final String column;
        final String prefix;
        final Pattern numbered;

        Fake(String table, String column, String prefix) {
            this.table = table;
            this.column = column;
            this.prefix = prefix;
            this.numbered = Pattern.compile(Pattern.quote(prefix) + "(\\d+)\\b.*", Pattern.DOTALL);
        }
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final PlanService plans;
    private final OrganisationService organisations;
    private final UserService users;
    private final GroupService groups;
    private final Clock clock;

    FakePopulation(JdbcClient jdbc, ProjectService projects, PlanService plans, OrganisationService organisations, UserService users, GroupService groups, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.plans = plans;
        this.organisations = organisations;
        this.users = users;
        this.groups = groups;
        this.clock = clock;
    }

    public Counts count() {
        return new Counts(existing(Fake.PROJECT).size(), existing(Fake.PLAN).size(), existing(Fake.EXT_PROJECT).size());
    }

    /**
     * Makes exactly this many fake projects, plans and external projects exist (null leaves a kind
     * as it is): creates the missing ones with the lowest free numbers, deletes the highest
     * numbered surplus ones. Projects come first so that new plans can link to them.
     */
    public Counts ensure(Integer projectCount, Integer planCount, Integer extProjectCount, long seed) {
        FakeInputs data = null;
        if (needsMore(Fake.PROJECT, projectCount) || needsMore(Fake.PLAN, planCount) || needsMore(Fake.EXT_PROJECT, extProjectCount)) {
            data = new FakeInputs(seed, clock.instant(), clock.getZone(), context());
        }
        if (projectCount != null) {
            adjustProjects(Fake.PROJECT, projectCount, data);
        }
        if (extProjectCount != null) {
            adjustProjects(Fake.EXT_PROJECT, extProjectCount, data);
        }
        if (planCount != null) {
            Map<Integer, Long> existing = existing(Fake.PLAN);
            plans.deleteAll(surplus(existing, planCount), Actor.SYSTEM);
            List<Long> linkable = List.copyOf(existing(Fake.PROJECT).values());
            FakeInputs fake = data;
            plans.createAll(missing(existing, planCount).stream().map(n -> fake.plan(n, linkable)).toList(), Actor.SYSTEM);
        }
        return count();
    }

    /** Deletes every fake object, then the fake users, organisations and groups they used (if nothing real uses them). */
    public Counts deleteAll() {
        Counts before = count();
        ensure(0, 0, 0, 0);
        for (long organisation : named("organisation", "name", ORGANISATION_PREFIX).values()) {
            // A real project or plan may have been put into a fake organisation: then it stays.
            boolean used = jdbc.sql("select (select count(*) from project where organisation_id = :id)"
                    + " + (select count(*) from plan where organisation_id = :id)").param("id", organisation)
                    .query(Integer.class).single() > 0;
            if (!used) {
                organisations.delete(organisation, Actor.SYSTEM);
            }
        }
        named("user_group", "name", GROUP_PREFIX).values().forEach(id -> groups.delete(id, Actor.SYSTEM));
        named("app_user", "username", USER_PREFIX).values().forEach(id -> users.deleteUser(id, Actor.SYSTEM));
        return before;
    }

    private void adjustProjects(Fake fake, int target, FakeInputs data) {
        Map<Integer, Long> existing = existing(fake);
        projects.deleteAll(surplus(existing, target), Actor.SYSTEM);
        List<ProjectInput> inputs = missing(existing, target).stream().map(n -> data.project(n, fake == Fake.EXT_PROJECT)).toList();
        projects.createAll(inputs, Actor.SYSTEM);
    }

    private boolean needsMore(Fake fake, Integer target) {
        return target != null && existing(fake).size() < target;
    }

    /** Fake objects of a kind by their number. */
    private Map<Integer, Long> existing(Fake fake) {
        Map<Integer, Long> byNumber = new LinkedHashMap<>();
        jdbc.sql("select id, " + fake.column + " from " + fake.table + " where " + fake.column + " like :prefix order by id")
                .param("prefix", fake.prefix + "%")
                .query((rs, n) -> {
                    Matcher matcher = fake.numbered.matcher(rs.getString(2));
                    if (matcher.matches()) {
                        byNumber.putIfAbsent(Integer.parseInt(matcher.group(1)), rs.getLong(1));
                    }
                    return null;
                }).list();
        return byNumber;
    }

    /** Ids of the highest numbered objects beyond {@code target}. */
    private static List<Long> surplus(Map<Integer, Long> existing, int target) {
        return existing.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByKey().reversed())
                .limit(Math.max(0, existing.size() - target))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** The lowest free numbers, as many as are missing to reach {@code target}. */
    private static List<Integer> missing(Map<Integer, Long> existing, int target) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = 1; existing.size() + numbers.size() < target; n++) {
            if (!existing.containsKey(n)) {
                numbers.add(n);
            }
        }
        return numbers;
    }

    /** The fake users, organisations and groups the fake objects refer to, created when missing. */
    private FakeInputs.Context context() {
        List<Long> users = numbered("app_user", "username", USER_PREFIX, USERS,
                name -> this.users.createUser(new UserInput(name, FakeInputs.USER_PASSWORD, false), Actor.SYSTEM).id());
        FakeInputs data = new FakeInputs(0, clock.instant(), clock.getZone(),
                new FakeInputs.Context(users, List.of(), List.of(), List.of(), List.of()));
        List<Long> organisations = numbered("organisation", "name", ORGANISATION_PREFIX, ORGANISATIONS,
                name -> this.organisations.create(new OrganisationInput(name, data.initiators(number(name))), Actor.SYSTEM).id());
        List<Long> groups = numbered("user_group", "name", GROUP_PREFIX, GROUPS,
                name -> this.groups.create(new GroupInput(name, data.groupMembers(number(name))), Actor.SYSTEM).id());
        return new FakeInputs.Context(users, organisations, groups,
                jdbc.sql("select short_code from district order by short_code").query(String.class).list(),
                jdbc.sql("select code from topic order by code").query(String.class).list());
    }

    /** Ids of the rows named prefix + 1 … prefix + count, each created by {@code create} (given its name) when missing. */
    private List<Long> numbered(String table, String column, String prefix, int count, ToLongFunction<String> create) {
        Map<String, Long> existing = named(table, column, prefix);
        List<Long> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            Long id = existing.get(prefix + n);
            ids.add(id != null ? id : create.applyAsLong(prefix + n));
        }
        return ids;
    }

    private static int number(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf(' ') + 1));
    }

    /** Ids by name of the rows whose name starts with {@code prefix}. */
    private Map<String, Long> named(String table, String column, String prefix) {
        Map<String, Long> found = new LinkedHashMap<>();
        jdbc.sql("select id, " + column + " from " + table + " where " + column + " like :prefix order by id")
                .param("prefix", prefix + "%")
                .query((rs, n) -> found.put(rs.getString(2), rs.getLong(1))).list();
        return found;
    }
}
