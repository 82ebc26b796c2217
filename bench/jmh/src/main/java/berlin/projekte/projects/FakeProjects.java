package berlin.projekte.projects;

import berlin.projekte.places.Images;
import berlin.projekte.places.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * In-memory projects shaped like the devtools data (1-3 modules, about a third each active,
 * future and past, 1-3 topics, points in Berlin, tile images, some plan links), so the
 * benchmarks measure rendering and filtering without a database.
 */
final class FakeProjects {

    static final String[] TOPICS = {"ANT", "WOR", "BUI", "EDU", "CHI", "FIN", "HEA", "INT", "CUL", "NEI", "URB", "ENV", "TRA"};
    static final String[] DISTRICTS = {"Mitte", "Friedrichshain-Kreuzberg", "Pankow", "Charlottenburg-Wilmersdorf", "Spandau",
            "Steglitz-Zehlendorf", "Tempelhof-Schöneberg", "Neukölln", "Treptow-Köpenick", "Marzahn-Hellersdorf", "Lichtenberg",
            "Reinickendorf", null};

    private FakeProjects() {
    }

    static List<ListedProject> make(int count, Instant now, long seed) {
        Random random = new Random(seed);
        List<ListedProject> projects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Access access = i % 5 == 0 ? Access.SEMIPUBLIC : Access.PUBLIC;
            Kind kind = i % 11 == 0 ? Kind.BPLAN : Kind.PROJECT;
            List<Timeline.ModuleDates> modules = new ArrayList<>();
            int shape = i % 3; // 0 active, 1 future, 2 past
            int moduleCount = 1 + random.nextInt(3);
            for (int m = 0; m < moduleCount; m++) {
                long offsetDays = switch (shape) {
                    case 0 -> -random.nextInt(20) - 1;
                    case 1 -> random.nextInt(60) + 1;
                    default -> -random.nextInt(300) - 60;
                };
                Instant start = now.plus(Duration.ofDays(offsetDays)).plus(Duration.ofMinutes(random.nextInt(1440)));
                Instant end = start.plus(Duration.ofDays(30 + random.nextInt(30)));
                if (shape == 2) {
                    end = start.plus(Duration.ofDays(1 + random.nextInt(50)));
                }
                Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
                modules.add(new Timeline.ModuleDates(List.of(new Timeline.PhaseDates(start, middle),
                        new Timeline.PhaseDates(middle, end))));
            }
            List<String> topics = new ArrayList<>();
            int topicCount = 1 + random.nextInt(3);
            for (int t = 0; t < topicCount; t++) {
                topics.add(TOPICS[(i + t * 5) % TOPICS.length]);
            }
            Point point = i % 9 == 0 ? null : new Point(13.2 + random.nextDouble() * 0.4, 52.4 + random.nextDouble() * 0.2,
                    "Musterstraße", Integer.toString(1 + random.nextInt(200)), "10" + (100 + random.nextInt(900)));
            Images images = new Images("https://example.org/media/tiles/fake-" + i + ".jpg", "Bild " + i, "© Fotograf " + i,
                    "https://example.org/media/headers/fake-" + i + ".jpg", "Kopfbild " + i, "© Fotograf " + i);
            Instant created = now.minus(Duration.ofDays(400 - i % 400)).plusSeconds(i);
            ListedProject.PlanLink plan = i % 4 == 0 ? new ListedProject.PlanLink("fake plan " + i, "/vorhaben/2026-" + String.format("%05d", i) + "/") : null;
            String name = "fake project " + i + " " + "Neugestaltung des Platzes ".repeat(1 + i % 2).trim();
            String description = "Beschreibung des Projekts " + i + ": "
                    + "Bürgerinnen und Bürger sind eingeladen, mitzureden. ".repeat(2 + i % 4);
            projects.add(new ListedProject(i + 1, name, "fake-project-" + i, description, access, kind,
                    kind == Kind.PROJECT ? "" : "https://example.org/bplan/" + i, created,
                    i % 2 == 0 ? created.plusSeconds(3600) : null, "Bezirksamt " + (i % 12), DISTRICTS[i % DISTRICTS.length],
                    point, images, List.copyOf(topics), new Timeline(modules), plan));
        }
        return projects;
    }
}
