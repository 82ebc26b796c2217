package berlin.projekte.plans;

import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.Rows;
import java.util.List;
import java.util.Objects;

/**
 * What a plan is made of, as the write API takes it (JSON names in brackets). Null texts, lists,
 * address and images mean empty.
 *
 * @param organisation  id of the organisation ({@code organisation}), required
 * @param pointLabel    {@code point_label}
 * @param district      district short code, or null
 * @param status        0 running, 1 done ({@code status})
 * @param participation 0 information, 1 consultation, 2 cooperation, 3 decision-making
 * @param projects      ids of linked projects ({@code projects})
 */
public record PlanInput(String title, Long organisation, Coordinates point, Address address, String pointLabel, String district,
                        String cost, String description, Images images, List<String> topics, int status, int participation,
                        boolean draft, List<Long> projects) {

    public PlanInput {
        address = Objects.requireNonNullElse(address, Address.NONE);
        pointLabel = Objects.requireNonNullElse(pointLabel, "");
        cost = Objects.requireNonNullElse(cost, "");
        description = Objects.requireNonNullElse(description, "");
        images = Images.orEmpty(images);
        topics = Rows.sortedSet(topics);
        projects = Rows.sortedSet(projects);
    }

    /** A running, published plan with nothing else set. */
    public static PlanInput of(String title, long organisation) {
        return new PlanInput(title, organisation, null, Address.NONE, "", null, "", "", Images.NONE, List.of(), 0, 0,
                false, List.of());
    }
}
