package berlin.projekte.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The published schema of one item of {@code /api/projects/}, {@code /api/privateprojects/} and
 * {@code /api/extprojects/} (docs/api.md). Documentation only: the items are rendered straight to
 * bytes by {@link ProjectItemWriter}; {@code ListSchemaTest} checks real responses against this.
 * Fields that take two JSON types (a date or {@code false}) are left untyped.
 */
@Schema(name = "ProjectListItem", requiredProperties = {"title", "description", "access", "type", "subtype", "url", "organisation",
        "district", "topics", "point", "point_label", "tile_image", "tile_image_alt_text", "tile_image_copyright",
        "created_or_modified", "status", "participation", "participation_active", "participation_string", "active_phase",
        "future_phase", "past_phase", "plan_title", "plan_url", "cost", "published_projects_count"})
public record ProjectListItem(
        @Schema(description = "project id (not in /api/extprojects/)") Long id,
        @Schema(description = "the project's name") String title,
        String description,
        @Schema(description = "the original's access enum number: 1 PUBLIC, 2 SEMIPUBLIC, 3 PRIVATE") Object access,
        @Schema(allowableValues = "project") String type,
        @Schema(allowableValues = {"default", "external"}) String subtype,
        @Schema(description = "external URL (EXTERNAL, BPLAN) or /projekte/{slug}/") String url,
        @Schema(description = "organisation name") String organisation,
        @Schema(description = "district name, or Gesamtstädtisch / City wide") String district,
        @Schema(description = "topic codes") List<String> topics,
        @Schema(types = {"object", "null"}, description = "GeoJSON Feature with properties strasse, haus, plz (null when empty) and ortsteil (the district, only when the project has one); or null") Object point,
        @Schema(allowableValues = "") String point_label,
        String tile_image,
        @Schema(nullable = true) String tile_image_alt_text,
        @Schema(nullable = true) String tile_image_copyright,
        @Schema(description = "ISO-8601 with offset") String created_or_modified,
        @Schema(description = "0 active, 1 future, 2 past") Integer status,
        @Schema(allowableValues = "1") Integer participation,
        Boolean participation_active,
        String participation_string,
        @Schema(description = "[progress %, time left, end] of the running module that ends next, or false") Object active_phase,
        @Schema(description = "start of the first future module (ISO-8601), or false") Object future_phase,
        @Schema(description = "end of the latest past module (ISO-8601), or false") Object past_phase,
        @Schema(nullable = true) String plan_title,
        @Schema(nullable = true) String plan_url,
        @Schema(allowableValues = "") String cost,
        @Schema(allowableValues = "0") Integer published_projects_count) {
}
