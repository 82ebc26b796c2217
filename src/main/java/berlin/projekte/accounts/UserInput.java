package berlin.projekte.accounts;

import static berlin.projekte.validation.FieldMessages.AT_MOST;
import static berlin.projekte.validation.FieldMessages.REQUIRED;

import berlin.projekte.web.JsonBody;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user as the write API takes it: {@code username}, {@code password} (write-only; null on update
 * keeps it; its rule is {@link Passwords}), {@code is_superuser}.
 */
@JsonBody
@JsonIgnoreProperties({"id", "created"})
public record UserInput(
        @NotBlank(message = REQUIRED) @Size(max = 150, message = AT_MOST)
        @Pattern(regexp = "[\\p{L}\\p{N}@.+_-]*", message = "may contain only letters, digits and @ . + - _") String username,
        String password,
        @JsonProperty("is_superuser") Boolean superuser) {

    public UserInput {
        superuser = Boolean.TRUE.equals(superuser);
    }

    @Override
    public String toString() {
        return "UserInput[" + username + (superuser() ? ", superuser" : "") + "]";
    }
}
