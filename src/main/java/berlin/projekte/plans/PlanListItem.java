package berlin.projekte.plans;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The published schema of one item of {@code /api/plans/} (docs/api.md). Documentation only: the
 * items are rendered straight to bytes by {@link PlanLists}; {@code ListSchemaTest} checks real
 * responses against this.
 */
@Schema(name = "PlanListItem", requiredProperties = {"title", "url", "type", "subtype", "organisation", "district", "topics", "point",
        "point_label", "cost", "tile_image", "tile_image_alt_text", "tile_image_copyright", "created_or_modified", "participation",
        "participation_active", "participation_string", "status", "published_projects_count"})
record PlanListItem(
        String title,
        @Schema(description = "/vorhaben/{year of created}-{id as 5 digits}/") String url,
        @Schema(allowableValues = "plan") String type,
        @Schema(allowableValues = "plan") String subtype,
        @Schema(description = "organisation name") String organisation,
        @Schema(description = "district name, or Gesamtstädtisch / City wide") String district,
        List<String> topics,
        @Schema(types = {"object", "null"}, description = "GeoJSON Feature with properties strasse, haus, plz; or null") Object point,
        String point_label,
        String cost,
        String tile_image,
        @Schema(description = "\"\" when there is no image") String tile_image_alt_text,
        @Schema(description = "\"\" when there is no image") String tile_image_copyright,
        @Schema(description = "ISO-8601 with offset") String created_or_modified,
        @Schema(description = "0 information, 1 consultation, 2 cooperation, 3 decision-making") Integer participation,
        @Schema(description = "true while running") Boolean participation_active,
        String participation_string,
        @Schema(description = "0 running, 2 done") Integer status,
        @Schema(description = "linked projects that are published (PUBLIC or SEMIPUBLIC, not draft, not archived)")
        Integer published_projects_count) {
}
