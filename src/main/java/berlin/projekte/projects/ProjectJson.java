package berlin.projekte.projects;

import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.Json;
import berlin.projekte.web.JsonInput;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The JSON shape of a project in the write API (SPEC §4): reading a request body, rendering a stored project. */
final class ProjectJson {

    static final Set<String> FIELDS = Set.of("name", "slug", "description", "information", "access", "kind", "external_url",
            "is_draft", "is_archived", "organisation", "district", "topics", "point", "street", "house_number", "zip_code",
            "tile_image", "tile_image_alt_text", "tile_image_copyright", "image", "image_alt_text", "image_copyright", "group",
            "moderators", "participants", "plans", "modules");
    private static final Set<String> MODULE_FIELDS = Set.of("name", "weight", "is_draft", "phases");
    private static final Set<String> PHASE_FIELDS = Set.of("name", "type", "weight", "start_date", "end_date");

    private ProjectJson() {
    }

    /**
     * A project from a request body. {@code base} null: a full replacement (POST, PUT; required
     * fields must be present, the rest defaults, absent modules are none). Otherwise a PATCH of
     * {@code base}: only the fields sent change; absent modules stay (modules null).
     */
    static ProjectInput parse(JsonNode body, ProjectInput base, Kind forcedKind) {
        FieldErrors errors = new FieldErrors();
        JsonInput in = JsonInput.body(body, errors, FIELDS);
        boolean patch = base != null;
        if (!patch) {
            in.require("name", "organisation", "access");
            base = ProjectInput.of(null, 0).withModules(List.of());
        }
        Kind kind = in.enumValue("kind", Kind.class, forcedKind != null && !patch ? forcedKind : base.kind());
        if (forcedKind != null && kind != forcedKind) {
            errors.add("kind", "must be " + forcedKind + " here");
        }
        if (!patch && forcedKind == null && !in.has("kind")) {
            kind = Kind.PROJECT;
        }
        Images images = base.images();
        List<ProjectInput.ModuleInput> modules = in.has("modules") ? modules(in, errors) : patch ? null : List.of();
        ProjectInput input = new ProjectInput(
                in.string("name", base.name()),
                in.string("slug", base.slug()),
                in.text("description", base.description()),
                in.text("information", base.information()),
                in.enumValue("access", Access.class, base.access()),
                kind,
                in.text("external_url", base.externalUrl()),
                bool(in, "is_draft", base.draft()),
                bool(in, "is_archived", base.archived()),
                patch || in.has("organisation") ? in.id("organisation", base.organisation()) : null,
                in.string("district", base.district()),
                in.strings("topics", base.topics()),
                in.point("point", base.point()),
                new Address(in.text("street", base.address().street()), in.text("house_number", base.address().houseNumber()),
                        in.text("zip_code", base.address().zipCode())),
                new Images(in.text("tile_image", images.tile()), in.text("tile_image_alt_text", images.tileAltText()),
                        in.text("tile_image_copyright", images.tileCopyright()), in.text("image", images.header()),
                        in.text("image_alt_text", images.headerAltText()), in.text("image_copyright", images.headerCopyright())),
                in.id("group", base.group()),
                in.ids("moderators", base.moderators()),
                in.ids("participants", base.participants()),
                in.ids("plans", base.plans()),
                modules);
        errors.throwIfAny();
        return input;
    }

    private static boolean bool(JsonInput in, String name, boolean base) {
        Boolean value = in.bool(name, base);
        return value != null ? value : base;
    }

    private static List<ProjectInput.ModuleInput> modules(JsonInput in, FieldErrors errors) {
        List<ProjectInput.ModuleInput> modules = new ArrayList<>();
        for (JsonInput module : in.objects("modules")) {
            module.refuseUnknown(MODULE_FIELDS);
            List<ProjectInput.PhaseInput> phases = new ArrayList<>();
            for (JsonInput phase : module.objects("phases")) {
                phase.refuseUnknown(PHASE_FIELDS);
                Integer weight = phase.integer("weight", 0);
                phases.add(new ProjectInput.PhaseInput(phase.string("name", null), phase.text("type", ""),
                        weight == null ? 0 : weight, phase.instant("start_date", null), phase.instant("end_date", null)));
            }
            Integer weight = module.integer("weight", 0);
            Boolean draft = module.bool("is_draft", false);
            modules.add(new ProjectInput.ModuleInput(module.string("name", null), weight == null ? 0 : weight,
                    draft != null && draft, phases));
        }
        return modules;
    }

    static Map<String, Object> render(StoredProject stored, ZoneId zone) {
        ProjectInput p = stored.project();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", stored.id());
        json.put("name", p.name());
        json.put("slug", p.slug());
        json.put("description", p.description());
        json.put("information", p.information());
        json.put("access", p.access().name());
        json.put("kind", p.kind().name());
        json.put("external_url", p.externalUrl());
        json.put("is_draft", p.draft());
        json.put("is_archived", p.archived());
        json.put("organisation", p.organisation());
        json.put("district", p.district());
        json.put("topics", p.topics());
        json.put("point", Coordinates.json(p.point()));
        json.put("street", p.address().street());
        json.put("house_number", p.address().houseNumber());
        json.put("zip_code", p.address().zipCode());
        p.images().putJson(json);
        json.put("group", p.group());
        json.put("moderators", p.moderators());
        json.put("participants", p.participants());
        json.put("plans", p.plans());
        List<Map<String, Object>> modules = new ArrayList<>();
        for (ProjectInput.ModuleInput module : p.modules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", module.name());
            m.put("weight", module.weight());
            m.put("is_draft", module.draft());
            List<Map<String, Object>> phases = new ArrayList<>();
            for (ProjectInput.PhaseInput phase : module.phases()) {
                Map<String, Object> ph = new LinkedHashMap<>();
                ph.put("name", phase.name());
                ph.put("type", phase.type());
                ph.put("weight", phase.weight());
                ph.put("start_date", Json.isoInstantOrNull(phase.start(), zone));
                ph.put("end_date", Json.isoInstantOrNull(phase.end(), zone));
                phases.add(ph);
            }
            m.put("phases", phases);
            modules.add(m);
        }
        json.put("modules", modules);
        json.put("created", Json.isoInstantOrNull(stored.created(), zone));
        json.put("modified", Json.isoInstantOrNull(stored.modified(), zone));
        return json;
    }
}
