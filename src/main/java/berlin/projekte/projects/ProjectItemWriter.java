package berlin.projekte.projects;

import static berlin.projekte.web.Json.isoInstant;
import static berlin.projekte.web.Json.writeStringOrNull;

import berlin.projekte.places.GeoJson;
import berlin.projekte.places.Images;
import berlin.projekte.referencedata.Districts;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/** Renders one project item of {@code projects}, {@code privateprojects} and {@code extprojects}. */
final class ProjectItemWriter {

    private final ZoneId zone;

    ProjectItemWriter(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * {@code statusList} is the status of the list being rendered ({@code ?status=...}), or null for
     * the unfiltered lists: a status list carries only its own phase field, as the original's
     * per-status serializers do.
     */
    void write(JsonGenerator g, ListedProject p, Instant now, Language language, boolean withId, ParticipationStatus statusList) {
        Timeline timeline = p.timeline();
        ParticipationStatus status = timeline.statusAt(now);
        g.writeStartObject();
        if (withId) {
            g.writeNumberProperty("id", p.id());
        }
        g.writeStringProperty("title", p.name());
        g.writeStringProperty("description", p.description());
        g.writeNumberProperty("access", p.access().code());
        g.writeStringProperty("type", "project");
        g.writeStringProperty("subtype", p.kind().isExternal() ? "external" : "default");
        g.writeStringProperty("url", p.kind().isExternal() ? p.externalUrl() : "/projekte/" + p.slug() + "/");
        g.writeStringProperty("organisation", p.organisation());
        g.writeStringProperty("district", Districts.nameOrCityWide(p.district(), language));
        g.writeName("topics");
        g.writeStartArray();
        for (String topic : p.topics()) {
            g.writeString(topic);
        }
        g.writeEndArray();
        GeoJson.writePoint(g, p.point(), p.district());
        g.writeStringProperty("point_label", "");
        Images.Image image = p.images().listImage();
        g.writeStringProperty("tile_image", image.url());
        writeStringOrNull(g, "tile_image_alt_text", image == Images.Image.NONE ? null : image.altText());
        writeStringOrNull(g, "tile_image_copyright", image == Images.Image.NONE ? null : image.copyright());
        g.writeStringProperty("created_or_modified", isoInstant(p.createdOrModified(), zone));
        g.writeNumberProperty("status", status.code());
        g.writeNumberProperty("participation", 1);
        g.writeBooleanProperty("participation_active",
                status == ParticipationStatus.ACTIVE || status == ParticipationStatus.FUTURE);
        g.writeStringProperty("participation_string", ParticipationTexts.of(status, timeline, now, zone, statusList, language));
        writeActivePhase(g, timeline, status, now, language);
        writeInstantOrFalse(g, "future_phase",
                statusList == null || statusList == ParticipationStatus.FUTURE ? timeline.firstFutureModuleStart(now) : Optional.empty());
        writeInstantOrFalse(g, "past_phase",
                statusList == null || statusList == ParticipationStatus.PAST ? timeline.latestPastModuleEnd(now) : Optional.empty());
        ListedProject.PlanLink plan = p.firstPlan();
        writeStringOrNull(g, "plan_title", plan == null ? null : plan.title());
        writeStringOrNull(g, "plan_url", plan == null ? null : plan.url());
        g.writeStringProperty("cost", "");
        g.writeNumberProperty("published_projects_count", 0);
        g.writeEndObject();
    }

    /** {@code [progress %, time left, end]} of the running module that ends next, or false. */
    private void writeActivePhase(JsonGenerator g, Timeline timeline, ParticipationStatus status, Instant now, Language language) {
        g.writeName("active_phase");
        Optional<Timeline.ModuleDates> running =
                status == ParticipationStatus.ACTIVE ? timeline.runningModuleEndingNext(now) : Optional.empty();
        if (running.isEmpty()) {
            g.writeBoolean(false);
            return;
        }
        Instant start = running.get().start();
        Instant end = running.get().end();
        long total = Duration.between(start, end).toMillis();
        long gone = Duration.between(start, now).toMillis();
        g.writeStartArray();
        g.writeNumber((int) (gone * 100 / total));
        g.writeString(ParticipationTexts.timeLeft(Duration.between(now, end), language));
        g.writeString(isoInstant(end, zone));
        g.writeEndArray();
    }

    private void writeInstantOrFalse(JsonGenerator g, String name, Optional<Instant> instant) {
        if (instant.isPresent()) {
            g.writeStringProperty(name, isoInstant(instant.get(), zone));
        } else {
            g.writeBooleanProperty(name, false);
        }
    }
}
