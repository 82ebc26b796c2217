package berlin.projekte.projects;

import static berlin.projekte.projects.ParticipationStatus.ACTIVE;
import static berlin.projekte.projects.ParticipationStatus.FUTURE;
import static berlin.projekte.projects.ParticipationStatus.NONE;
import static berlin.projekte.projects.ParticipationStatus.PAST;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.projects.Timeline.ModuleDates;
import berlin.projekte.projects.Timeline.PhaseDates;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status rules at and around every boundary: phases run on [start, end). */
class TimelineTest {

    static final Instant START = Instant.parse("2026-06-15T10:00:00Z");
    static final Instant END = Instant.parse("2026-06-20T10:00:00Z");
    static final Timeline ONE_PHASE = timeline(new PhaseDates(START, END));

    static Timeline timeline(PhaseDates... phases) {
        return new Timeline(List.of(new ModuleDates(List.of(phases))));
    }

    @ParameterizedTest(name = "at start{0}s / end{1}s: {2}")
    @CsvSource({
        // seconds from start, seconds from end, status
        "-1, ,  FUTURE",
        "0,  ,  ACTIVE",
        "1,  ,  ACTIVE",
        ",   -1, ACTIVE",
        ",   0,  PAST",
        ",   1,  PAST",
    })
    void statusAroundTheBoundaries(Integer fromStart, Integer fromEnd, ParticipationStatus expected) {
        Instant now = fromStart != null ? START.plusSeconds(fromStart) : END.plusSeconds(fromEnd);
        assertThat(ONE_PHASE.statusAt(now)).isEqualTo(expected);
    }

    @Test
    void activeBeatsFutureBeatsPast() {
        Instant now = START.plusSeconds(10);
        PhaseDates past = new PhaseDates(START.minus(Duration.ofDays(9)), START.minus(Duration.ofDays(8)));
        PhaseDates future = new PhaseDates(END, END.plus(Duration.ofDays(1)));
        PhaseDates running = new PhaseDates(START, END);
        assertThat(timeline(past, future, running).statusAt(now)).isEqualTo(ACTIVE);
        assertThat(timeline(past, future).statusAt(now)).isEqualTo(FUTURE);
        assertThat(timeline(past).statusAt(now)).isEqualTo(PAST);
    }

    @Test
    void phasesWithoutDatesCountForNothing() {
        assertThat(Timeline.EMPTY.statusAt(START)).isEqualTo(NONE);
        assertThat(timeline(new PhaseDates(null, null)).statusAt(START)).isEqualTo(NONE);
        // an open-ended phase that has started is neither active nor past
        assertThat(timeline(new PhaseDates(START, null)).statusAt(END)).isEqualTo(NONE);
        assertThat(timeline(new PhaseDates(null, END)).statusAt(START)).isEqualTo(NONE);
        assertThat(timeline(new PhaseDates(null, END)).statusAt(END)).isEqualTo(PAST);
        assertThat(timeline(new PhaseDates(START, null)).statusAt(START.minusSeconds(1))).isEqualTo(FUTURE);
    }

    @Test
    void atEveryInstantAProjectIsInAtMostOneStatus() {
        for (Instant now = START.minusSeconds(2); now.isBefore(END.plusSeconds(2)); now = now.plus(Duration.ofHours(7))) {
            ParticipationStatus status = ONE_PHASE.statusAt(now);
            assertThat(status).isIn(FUTURE, ACTIVE, PAST);
        }
    }

    @Test
    void nextChangeIsTheNextPhaseStartOrEnd() {
        assertThat(ONE_PHASE.nextChangeAfter(START.minusSeconds(1))).contains(START);
        assertThat(ONE_PHASE.nextChangeAfter(START)).contains(END);
        assertThat(ONE_PHASE.nextChangeAfter(END)).isEmpty();
    }

    @Test
    void runningModuleEndingNextAndModuleDates() {
        ModuleDates longer = new ModuleDates(List.of(new PhaseDates(START, END.plus(Duration.ofDays(5)))));
        ModuleDates shorter = new ModuleDates(List.of(new PhaseDates(START, END), new PhaseDates(START.minusSeconds(60), null)));
        ModuleDates later = new ModuleDates(List.of(new PhaseDates(END.plusSeconds(1), END.plusSeconds(2))));
        ModuleDates earlier = new ModuleDates(List.of(new PhaseDates(START.minusSeconds(9), START.minusSeconds(5))));
        Timeline timeline = new Timeline(List.of(longer, shorter, later, earlier));
        assertThat(shorter.start()).isEqualTo(START.minusSeconds(60));
        assertThat(timeline.runningModuleEndingNext(START)).contains(shorter);
        assertThat(timeline.firstFutureModuleStart(START)).contains(END.plusSeconds(1));
        assertThat(timeline.latestPastModuleEnd(START)).contains(START.minusSeconds(5));
        assertThat(timeline.firstFuturePhaseStart(START)).contains(END.plusSeconds(1));
    }

    @ParameterizedTest
    @CsvSource({
        "PT73H, 3 Tage, 3 days",
        "PT24H, 1 Tag, 1 day",
        "PT23H59M, 23 Stunden, 23 hours",
        "PT1H, 1 Stunde, 1 hour",
        "PT59M59S, 59 Minuten, 59 minutes",
        "PT1M, 1 Minute, 1 minute",
        "PT30S, 0 Minuten, 0 minutes",
    })
    void timeLeftInItsLargestUnit(Duration left, String german, String english) {
        assertThat(ParticipationTexts.timeLeft(left, Language.DE)).isEqualTo(german);
        assertThat(ParticipationTexts.timeLeft(left, Language.EN)).isEqualTo(english);
    }
}
