package berlin.projekte.devtools;

import berlin.projekte.page.DemoImages;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.plans.PlanInput;
import berlin.projekte.projects.Access;
import berlin.projekte.projects.Kind;
import berlin.projekte.projects.ProjectInput.ModuleInput;
import berlin.projekte.projects.ProjectInput.PhaseInput;
import berlin.projekte.projects.ProjectInput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Realistic, reproducible fake objects, as write-API inputs. Object n of a kind depends only on
 * the seed, n and the day, not on which run creates it, so topping up 10 to 50 projects gives the
 * same 50 as creating 50 at once. Phases are placed around today so that roughly a third of the
 * projects are active, a third future and a third past; projects get districts, 1–3 topics,
 * points inside Berlin, tile images; some are SEMIPUBLIC and a few PRIVATE with moderators and
 * participants.
 */
final class FakeInputs {

    static final String PROJECT_PREFIX = "fake project ";
    static final String PLAN_PREFIX = "fake plan ";
    static final String EXT_PROJECT_PREFIX = "fake ext project ";
    static final String ORGANISATION_PREFIX = "fake organisation ";
    static final String GROUP_PREFIX = "fake group ";
    static final String USER_PREFIX = "fake-user-";
    static final String USER_PASSWORD = "fake-password";

    private static final List<String> SUBJECTS = List.of("Spielplatz", "Radweg", "Stadtplatz", "Schulhof", "Kiezblock", "Parkanlage",
            "Bibliothek", "Uferweg", "Bürgerhaushalt", "Nachbarschaftsgarten", "Sportplatz", "Marktplatz", "Jugendzentrum", "Begegnungszone");
    private static final List<String> ACTIONS = List.of("Neugestaltung", "Beteiligung zur", "Ideen für", "Umbau", "Zukunft",
            "Planung", "Sanierung", "Mitreden bei");
    private static final List<String> PHASE_TYPES = List.of("information", "debate", "voting", "rating", "comment");

    /** What fake objects may refer to: ids of the fake users, organisations and groups, and the shared codes. */
    record Context(List<Long> users, List<Long> organisations, List<Long> groups, List<String> districts, List<String> topics) {
    }

    private final long seed;
    private final Random random = new Random();
    private final Faker faker = new Faker(Locale.GERMAN, random);
    private final Instant today;
    private final Context context;

    FakeInputs(long seed, Instant now, ZoneId zone, Context context) {
        this.seed = seed;
        this.today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        this.context = context;
    }

    /** Fake project n (from 1) of kind PROJECT or BPLAN, or fake external project n for {@code external}. */
    ProjectInput project(int n, boolean external) {
        startObject(external ? 3 : 1, n);
        Kind kind = external ? Kind.EXTERNAL : roll(0.1) ? Kind.BPLAN : Kind.PROJECT;
        String title = pick(ACTIONS) + " " + pick(SUBJECTS) + " " + faker.address().streetName();
        String name = (external ? EXT_PROJECT_PREFIX : PROJECT_PREFIX) + n + ": " + title;
        Access access = kind == Kind.EXTERNAL ? Access.PUBLIC
                : roll(0.05) ? Access.PRIVATE : roll(0.12) ? Access.SEMIPUBLIC : Access.PUBLIC;
        String externalUrl = switch (kind) {
            case PROJECT -> "";
            case BPLAN -> "https://bplan.example.org/verfahren/" + n;
            case EXTERNAL -> "https://extern.example.org/projekt/" + n;
        };
        boolean restricted = access != Access.PUBLIC;
        Images images = roll(0.1) ? null : image();
        Point point = roll(0.15) ? null : pointInBerlin();
        return new ProjectInput(name, null, faker.lorem().paragraph(2), faker.lorem().paragraph(4), access, kind, externalUrl,
                false, false, pick(context.organisations()), roll(0.1) ? null : pick(context.districts()), topics(),
                point == null ? null : point.coordinates(), point == null ? null : point.address(), images,
                restricted && roll(0.5) ? pick(context.groups()) : null,
                restricted ? members(1, 2) : List.of(), restricted ? participants() : List.of(), List.of(), modules());
    }

    /** Fake plan n (from 1), linked to up to three of {@code linkable} projects. */
    PlanInput plan(int n, List<Long> linkable) {
        startObject(2, n);
        String title = pick(SUBJECTS) + " " + faker.address().streetName();
        Point point = roll(0.1) ? null : pointInBerlin();
        List<Long> projects = linkable.isEmpty() ? List.of() : sample(linkable, random.nextInt(4));
        return new PlanInput(PLAN_PREFIX + n + ": " + title, pick(context.organisations()),
                point == null ? null : point.coordinates(), point == null ? null : point.address(), faker.address().streetName(),
                roll(0.1) ? null : pick(context.districts()), roll(0.3) ? "" : (1 + random.nextInt(40)) + " Mio. €",
                faker.lorem().paragraph(3), image(), topics(), roll(0.3) ? 1 : 0, random.nextInt(4), false, projects);
    }

    /** Members of fake group n: two to five fake users. */
    List<Long> groupMembers(int n) {
        startObject(4, n);
        return members(2, 5);
    }

    /** Initiators of fake organisation n: one or two fake users. */
    List<Long> initiators(int n) {
        startObject(5, n);
        return members(1, 2);
    }

    /**
     * Object n of a kind gets its own stream of random numbers, so it does not depend on the
     * objects made before it in the same run.
     */
    private void startObject(int kind, int n) {
        // Mixed (MurmurHash3's finaliser): java.util.Random's first numbers for neighbouring seeds are nearly equal.
        long z = seed * 1_000_003L + kind * 10_000_019L + n;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        random.setSeed(z ^ (z >>> 33));
    }

    /** The first fake user takes part in every restricted project: a documented member to try private lists with. */
    private List<Long> participants() {
        List<Long> participants = new ArrayList<>(members(2, 5));
        Long first = context.users().get(0);
        if (!participants.contains(first)) {
            participants.add(first);
        }
        return participants;
    }

    private List<Long> members(int min, int max) {
        return sample(context.users(), min + random.nextInt(max - min + 1));
    }

    private <T> List<T> sample(List<T> values, int count) {
        List<T> picked = new ArrayList<>();
        while (picked.size() < Math.min(count, values.size())) {
            T candidate = pick(values);
            if (!picked.contains(candidate)) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    private List<String> topics() {
        return sample(context.topics(), 1 + random.nextInt(3));
    }

    /** One of the application's own demo images (page/DemoImages), with its alt text and copyright. */
    private Images image() {
        int n = random.nextInt(DemoImages.VARIANTS);
        return new Images(DemoImages.url(n), DemoImages.altText(n), "© " + DemoImages.COPYRIGHT, "", "", "");
    }

    private record Point(Coordinates coordinates, Address address) {
    }

    private Point pointInBerlin() {
        // Berlin's bounding box, roughly; close enough for a map.
        double lon = 13.09 + random.nextDouble() * (13.76 - 13.09);
        double lat = 52.34 + random.nextDouble() * (52.67 - 52.34);
        return new Point(new Coordinates(Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6),
                new Address(faker.address().streetName(), faker.address().buildingNumber(), String.valueOf(10115 + random.nextInt(4085))));
    }

    /**
     * 1–3 modules whose phases make the project active, future or past with equal chance. Active:
     * the first module has a phase running today, later ones follow it; future: everything starts
     * after today; past: everything ended before today.
     */
    private List<ModuleInput> modules() {
        int status = random.nextInt(3);
        int count = 1 + random.nextInt(3);
        List<List<PhaseInput>> phases = new ArrayList<>();
        Instant cursor;
        if (status == 0) {
            Instant start = today.minus(days(1 + random.nextInt(40)));
            Instant end = today.plus(days(1 + random.nextInt(30)));
            phases.add(List.of(phase(0, start, end)));
            cursor = end;
        } else if (status == 1) {
            cursor = today.plus(days(1 + random.nextInt(60)));
        } else {
            cursor = today.minus(days(60 + random.nextInt(400)));
        }
        while (phases.size() < count) {
            List<PhaseInput> module = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(2); p < n; p++) {
                Instant end = cursor.plus(days(7 + random.nextInt(50)));
                if (status == 2 && end.isAfter(today)) {
                    break;
                }
                module.add(phase(p, cursor, end));
                cursor = end.plus(days(random.nextInt(5)));
            }
            if (module.isEmpty()) {
                break;
            }
            phases.add(module);
        }
        List<ModuleInput> modules = new ArrayList<>();
        for (int m = 0; m < phases.size(); m++) {
            modules.add(new ModuleInput("Modul " + (m + 1), m, false, phases.get(m)));
        }
        return modules;
    }

    private PhaseInput phase(int weight, Instant start, Instant end) {
        return new PhaseInput("Phase " + (weight + 1), pick(PHASE_TYPES), weight, start.plus(Duration.ofHours(random.nextInt(12))), end);
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private boolean roll(double probability) {
        return random.nextDouble() < probability;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
