package berlin.projekte.projects;

import static berlin.projekte.validation.FieldMessages.AT_MOST;
import static berlin.projekte.validation.FieldMessages.REQUIRED;

import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.validation.WebUrl;
import berlin.projekte.web.JsonBody;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A project as the write API takes it (docs/api.md, write API): the request record of POST and PUT, the base a
 * PATCH is merged into, and (with id and dates, {@link ProjectView}) the answer. Components are
 * named as their JSON fields, so validation errors and the OpenAPI document need no translation.
 * Absent fields take their defaults (kind: PROJECT, or the kind of the resource); the read-only {@code id}, {@code created} and
 * {@code modified} are ignored, so a GET result can be sent back.
 */
@JsonBody
@JsonIgnoreProperties({"id", "created", "modified"})
public record ProjectJson(
        @NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String name,
        @Size(max = 255, message = AT_MOST) @Pattern(regexp = "[a-z0-9]+(?:-[a-z0-9]+)*",
                message = "must be lowercase letters, digits and single hyphens") String slug,
        @Size(max = 5000, message = AT_MOST) String description,
        @Size(max = 200_000, message = AT_MOST) String information,
        @NotNull(message = REQUIRED) Access access,
        Kind kind,
        @WebUrl String external_url,
        Boolean is_draft,
        Boolean is_archived,
        @NotNull(message = REQUIRED) @Positive Long organisation,
        String district,
        List<String> topics,
        @Valid Coordinates point,
        @Size(max = 255, message = AT_MOST) String street,
        @Size(max = 20, message = AT_MOST) String house_number,
        @Size(max = 10, message = AT_MOST) String zip_code,
        @WebUrl String tile_image, @Size(max = 255, message = AT_MOST) String tile_image_alt_text,
        @Size(max = 255, message = AT_MOST) String tile_image_copyright,
        @WebUrl String image, @Size(max = 255, message = AT_MOST) String image_alt_text,
        @Size(max = 255, message = AT_MOST) String image_copyright,
        @Positive Long group,
        List<@NotNull @Positive Long> moderators,
        List<@NotNull @Positive Long> participants,
        List<@NotNull @Positive Long> plans,
        List<@NotNull @Valid ModuleJson> modules) {

    /** A module ({@code modules[]}) with its phases. */
    public record ModuleJson(@NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String name, Integer weight,
                             Boolean is_draft, List<@NotNull @Valid PhaseJson> phases) {

        ProjectInput.ModuleInput toInput() {
            return new ProjectInput.ModuleInput(name, weight == null ? 0 : weight, Boolean.TRUE.equals(is_draft),
                    phases == null ? List.of() : phases.stream().map(p -> p == null ? null : p.toInput()).toList());
        }
    }

    /** A phase ({@code phases[]}): either date may be null. */
    @ValidPhaseDates
    public record PhaseJson(@NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String name,
                            @Size(max = 100, message = AT_MOST) String type, Integer weight, OffsetDateTime start_date,
                            OffsetDateTime end_date) {

        ProjectInput.PhaseInput toInput() {
            return new ProjectInput.PhaseInput(name, type, weight == null ? 0 : weight, instant(start_date), instant(end_date));
        }
    }

    /** The project these fields describe, of {@code kind} when the body names none. */
    ProjectInput toInput(Kind defaultKind) {
        return new ProjectInput(name, slug, description, information, access, kind == null ? defaultKind : kind, external_url,
                Boolean.TRUE.equals(is_draft), Boolean.TRUE.equals(is_archived), organisation, district, topics, point,
                new Address(street, house_number, zip_code),
                new Images(tile_image, tile_image_alt_text, tile_image_copyright, image, image_alt_text, image_copyright), group,
                moderators, participants, plans, modules == null ? List.of() : modules.stream().map(m -> m == null ? null : m.toInput()).toList());
    }

    static ProjectJson of(ProjectInput p, ZoneId zone) {
        Images images = p.images();
        List<ModuleJson> modules = p.modules() == null ? null : p.modules().stream().map(m -> m == null ? null
                : new ModuleJson(m.name(), m.weight(), m.draft(), m.phases().stream().map(ph -> ph == null ? null
                : new PhaseJson(ph.name(), ph.type(), ph.weight(), offset(ph.start(), zone), offset(ph.end(), zone))).toList())).toList();
        return new ProjectJson(p.name(), p.slug(), p.description(), p.information(), p.access(), p.kind(), p.externalUrl(), p.draft(),
                p.archived(), p.organisation(), p.district(), p.topics(), p.point(), p.address().street(), p.address().houseNumber(),
                p.address().zipCode(), images.tile(), images.tileAltText(), images.tileCopyright(), images.header(),
                images.headerAltText(), images.headerCopyright(), p.group(), p.moderators(), p.participants(), p.plans(), modules);
    }

    static OffsetDateTime offset(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }

    private static Instant instant(OffsetDateTime date) {
        return date == null ? null : date.toInstant();
    }
}
