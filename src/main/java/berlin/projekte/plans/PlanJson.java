package berlin.projekte.plans;

import static berlin.projekte.validation.FieldMessages.AT_MOST;
import static berlin.projekte.validation.FieldMessages.REQUIRED;

import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.validation.WebUrl;
import berlin.projekte.web.JsonBody;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A plan as the write API takes it: the request record of POST and PUT and the base a PATCH is
 * merged into; {@link PlanView} adds id and dates for the answer. Components are named as their
 * JSON fields. Absent fields take their defaults; {@code id}, {@code created}, {@code modified} are ignored.
 */
@JsonBody
@JsonIgnoreProperties({"id", "created", "modified"})
public record PlanJson(
        @NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String title,
        @NotNull(message = REQUIRED) @Positive Long organisation,
        @Valid Coordinates point,
        @Size(max = 255, message = AT_MOST) String street, @Size(max = 20, message = AT_MOST) String house_number,
        @Size(max = 10, message = AT_MOST) String zip_code,
        @Size(max = 255, message = AT_MOST) String point_label,
        String district,
        @Size(max = 255, message = AT_MOST) String cost,
        @Size(max = 200_000, message = AT_MOST) String description,
        @WebUrl String tile_image,
        @Size(max = 255, message = AT_MOST) String tile_image_alt_text, @Size(max = 255, message = AT_MOST) String tile_image_copyright,
        @WebUrl String image,
        @Size(max = 255, message = AT_MOST) String image_alt_text, @Size(max = 255, message = AT_MOST) String image_copyright,
        List<String> topics,
        @Min(value = 0, message = STATUS) @Max(value = 1, message = STATUS) Integer status,
        @Min(value = 0, message = PARTICIPATION) @Max(value = 3, message = PARTICIPATION) Integer participation,
        Boolean is_draft,
        List<@NotNull @Positive Long> projects) {

    private static final String STATUS = "must be 0 (running) or 1 (done)";
    private static final String PARTICIPATION = "must be 0 (information), 1 (consultation), 2 (cooperation) or 3 (decision-making)";

    PlanInput toInput() {
        return new PlanInput(title, organisation, point, new Address(street, house_number, zip_code), point_label, district, cost,
                description, new Images(tile_image, tile_image_alt_text, tile_image_copyright, image, image_alt_text, image_copyright),
                topics, status == null ? 0 : status, participation == null ? 0 : participation, Boolean.TRUE.equals(is_draft), projects);
    }

    static PlanJson of(PlanInput p) {
        Address a = p.address();
        Images i = p.images();
        return new PlanJson(p.title(), p.organisation(), p.point(), a.street(), a.houseNumber(), a.zipCode(), p.pointLabel(), p.district(),
                p.cost(), p.description(), i.tile(), i.tileAltText(), i.tileCopyright(), i.header(), i.headerAltText(), i.headerCopyright(),
                p.topics(), p.status(), p.participation(), p.draft(), p.projects());
    }
}
