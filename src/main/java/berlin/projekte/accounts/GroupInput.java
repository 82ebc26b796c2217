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

/** A group as the write API takes it: {@code name}, {@code members} (user ids). */
@JsonBody
@JsonIgnoreProperties("id")
public record GroupInput(@NotBlank(message = REQUIRED) @Size(max = 150, message = AT_MOST) String name,
                         List<@NotNull @Positive Long> members) implements MembershipService.UserSet {
    public GroupInput {
        members = Rows.sortedSet(members); // a set, as every id list: an id given twice counts once
    }

    @Override
    @JsonIgnore
    public List<Long> users() {
        return members;
    }
}
