package berlin.projekte.accounts;

import static berlin.projekte.validation.FieldMessages.AT_MOST;
import static berlin.projekte.validation.FieldMessages.REQUIRED;

import berlin.projekte.Rows;
import berlin.projekte.web.JsonBody;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An organisation as the write API takes it: {@code name}, {@code initiators} (user ids). */
@JsonBody
@JsonIgnoreProperties("id")
public record OrganisationInput(@NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String name,
                                List<@NotNull @Positive Long> initiators) implements MembershipService.UserSet {
    public OrganisationInput {
        initiators = Rows.sortedSet(initiators); // a set, as every id list: an id given twice counts once
    }

    @Override
    @JsonIgnore
    public List<Long> users() {
        return initiators;
    }
}
