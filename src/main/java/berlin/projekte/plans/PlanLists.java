package berlin.projekte.plans;

import static berlin.projekte.web.Json.isoInstant;

import berlin.projekte.cache.ComputedList;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListSource;
import berlin.projekte.places.GeoJson;
import berlin.projekte.places.Images;
import berlin.projekte.projects.ParticipationTexts;
import berlin.projekte.referencedata.Districts;
import berlin.projekte.web.Json;
import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;

/**
 * Computes {@code plans}. A plan item depends on no phase, so the entry has no transition
 * instant: only changes and the timeout end it.
 */
@Component
class PlanLists implements ListSource {

    private final PlanReadQuery query;
    private final ZoneId zone;

    PlanLists(PlanReadQuery query, Clock clock) {
        this.query = query;
        this.zone = clock.getZone();
    }

    @Override
    public Set<ListKey> keys() {
        return Set.of(ListKey.PLANS);
    }

    @Override
    public ComputedList compute(ListKey key, Language language) {
        List<ListedPlan> plans = query.list();
        return new ComputedList(Json.render(g -> {
            g.writeStartArray();
            for (ListedPlan plan : plans) {
                write(g, plan, language);
            }
            g.writeEndArray();
        }), null);
    }

    /** The same at every instant: a plan item depends on no phase. */
    @Override
    public ComputedList computeAsOf(ListKey key, Language language, Instant asOf) {
        return compute(key, language);
    }

    private void write(JsonGenerator g, ListedPlan plan, Language language) {
        g.writeStartObject();
        g.writeStringProperty("title", plan.title());
        g.writeStringProperty("url", PlanUrls.path(plan.id(), plan.created(), zone));
        g.writeStringProperty("type", "plan");
        g.writeStringProperty("subtype", "plan");
        g.writeStringProperty("organisation", plan.organisation());
        g.writeStringProperty("district", Districts.nameOrCityWide(plan.district(), language));
        g.writeName("topics");
        g.writeStartArray();
        for (String topic : plan.topics()) {
            g.writeString(topic);
        }
        g.writeEndArray();
        GeoJson.writePoint(g, plan.point(), null);
        g.writeStringProperty("point_label", plan.pointLabel());
        g.writeStringProperty("cost", plan.cost());
        Images.Image image = plan.images().listImage();
        g.writeStringProperty("tile_image", image.url());
        g.writeStringProperty("tile_image_alt_text", image.altText());
        g.writeStringProperty("tile_image_copyright", image.copyright());
        g.writeStringProperty("created_or_modified", isoInstant(plan.createdOrModified(), zone));
        g.writeNumberProperty("participation", plan.participation());
        g.writeBooleanProperty("participation_active", plan.running());
        g.writeStringProperty("participation_string",
                plan.running() ? ParticipationTexts.running(language) : ParticipationTexts.done(language));
        g.writeNumberProperty("status", plan.running() ? 0 : 2);
        g.writeNumberProperty("published_projects_count", plan.publishedProjects());
        g.writeEndObject();
    }
}
