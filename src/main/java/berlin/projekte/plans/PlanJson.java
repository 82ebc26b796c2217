package berlin.projekte.plans;

import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.Json;
import berlin.projekte.web.JsonInput;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The JSON shape of a plan in the write API. */
final class PlanJson {

    static final Set<String> FIELDS = Set.of("title", "organisation", "point", "street", "house_number", "zip_code", "point_label",
            "district", "cost", "description", "tile_image", "tile_image_alt_text", "tile_image_copyright", "image",
            "image_alt_text", "image_copyright", "topics", "status", "participation", "is_draft", "projects");

    private PlanJson() {
    }

    /** A plan from a body: {@code base} null for a full replacement (POST, PUT), else a PATCH of it. */
    static PlanInput parse(JsonNode body, PlanInput base) {
        FieldErrors errors = new FieldErrors();
        JsonInput in = JsonInput.body(body, errors, FIELDS);
        boolean patch = base != null;
        if (!patch) {
            in.require("title", "organisation");
            base = PlanInput.of(null, 0);
        }
        Images images = base.images();
        Integer status = in.integer("status", base.status());
        Integer participation = in.integer("participation", base.participation());
        Boolean draft = in.bool("is_draft", base.draft());
        if (status == null) {
            errors.add("status", "is required");
        }
        if (participation == null) {
            errors.add("participation", "is required");
        }
        PlanInput input = new PlanInput(
                in.string("title", base.title()),
                patch || in.has("organisation") ? in.id("organisation", base.organisation()) : null,
                in.point("point", base.point()),
                new Address(in.text("street", base.address().street()), in.text("house_number", base.address().houseNumber()),
                        in.text("zip_code", base.address().zipCode())),
                in.text("point_label", base.pointLabel()),
                in.string("district", base.district()),
                in.text("cost", base.cost()),
                in.text("description", base.description()),
                new Images(in.text("tile_image", images.tile()), in.text("tile_image_alt_text", images.tileAltText()),
                        in.text("tile_image_copyright", images.tileCopyright()), in.text("image", images.header()),
                        in.text("image_alt_text", images.headerAltText()), in.text("image_copyright", images.headerCopyright())),
                in.strings("topics", base.topics()),
                status == null ? 0 : status,
                participation == null ? 0 : participation,
                draft == null ? base.draft() : draft,
                in.ids("projects", base.projects()));
        errors.throwIfAny();
        return input;
    }

    static Map<String, Object> render(StoredPlan stored, ZoneId zone) {
        PlanInput p = stored.plan();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", stored.id());
        json.put("title", p.title());
        json.put("organisation", p.organisation());
        json.put("point", Coordinates.json(p.point()));
        json.put("street", p.address().street());
        json.put("house_number", p.address().houseNumber());
        json.put("zip_code", p.address().zipCode());
        json.put("point_label", p.pointLabel());
        json.put("district", p.district());
        json.put("cost", p.cost());
        json.put("description", p.description());
        p.images().putJson(json);
        json.put("topics", p.topics());
        json.put("status", p.status());
        json.put("participation", p.participation());
        json.put("is_draft", p.draft());
        json.put("projects", p.projects());
        json.put("created", Json.isoInstantOrNull(stored.created(), zone));
        json.put("modified", Json.isoInstantOrNull(stored.modified(), zone));
        return json;
    }
}
