package berlin.projekte.projects;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The phase dates of a project's non-draft modules, and THE status rules, as pure functions of
 * an instant. Intervals are half-open: a phase is running on {@code [start, end)}, so at every
 * instant a project has exactly one status and a phase that just ended makes it past. These are
 * the lists {@code ?status=activeParticipation}, {@code futureParticipation} and
 * {@code pastParticipation} ({@link ParticipationStatus}; docs/api.md, "Status rules").
 */
public record Timeline(List<ModuleDates> modules) {

    public static final Timeline EMPTY = new Timeline(List.of());

    public Timeline {
        modules = List.copyOf(modules);
    }

    /** One phase; either date may be absent. */
    public record PhaseDates(Instant start, Instant end) {

        boolean runsAt(Instant now) {
            return start != null && end != null && !now.isBefore(start) && now.isBefore(end);
        }
    }

    /** A non-draft module: it starts with its earliest phase and ends with its latest. */
    public record ModuleDates(List<PhaseDates> phases) {

        public ModuleDates {
            phases = List.copyOf(phases);
        }

        public Instant start() {
            return phases.stream().map(PhaseDates::start).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        }

        public Instant end() {
            return phases.stream().map(PhaseDates::end).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        }

        boolean runsAt(Instant now) {
            Instant start = start();
            Instant end = end();
            return start != null && end != null && !now.isBefore(start) && now.isBefore(end);
        }
    }

    private Stream<PhaseDates> phases() {
        return modules.stream().flatMap(m -> m.phases().stream());
    }

    public ParticipationStatus statusAt(Instant now) {
        if (phases().anyMatch(p -> p.runsAt(now))) {
            return ParticipationStatus.ACTIVE;
        }
        if (phases().anyMatch(p -> p.start() != null && p.start().isAfter(now))) {
            return ParticipationStatus.FUTURE;
        }
        if (phases().anyMatch(p -> p.end() != null && !p.end().isAfter(now))) {
            return ParticipationStatus.PAST;
        }
        return ParticipationStatus.NONE;
    }

    /** The earliest phase start after {@code now}: the date a future project "starts at". */
    public Optional<Instant> firstFuturePhaseStart(Instant now) {
        return phases().map(PhaseDates::start).filter(s -> s != null && s.isAfter(now)).min(Comparator.naturalOrder());
    }

    /** Of the modules running at {@code now}, the one that ends next (for {@code active_phase}). */
    public Optional<ModuleDates> runningModuleEndingNext(Instant now) {
        return modules.stream().filter(m -> m.runsAt(now)).min(Comparator.comparing(ModuleDates::end));
    }

    /** Start of the first module that has not started yet (for {@code future_phase}). */
    public Optional<Instant> firstFutureModuleStart(Instant now) {
        return modules.stream().map(ModuleDates::start).filter(s -> s != null && s.isAfter(now)).min(Comparator.naturalOrder());
    }

    /** End of the latest module that is over (for {@code past_phase}). */
    public Optional<Instant> latestPastModuleEnd(Instant now) {
        return modules.stream().map(ModuleDates::end).filter(e -> e != null && !e.isAfter(now)).max(Comparator.naturalOrder());
    }

    /**
     * The next instant after {@code now} at which anything rendered from this timeline may change:
     * the earliest phase start or end still to come. Module bounds are phase dates, so they are
     * covered too.
     */
    public Optional<Instant> nextChangeAfter(Instant now) {
        return phases().flatMap(p -> Stream.of(p.start(), p.end()))
                .filter(t -> t != null && t.isAfter(now))
                .min(Comparator.naturalOrder());
    }
}
