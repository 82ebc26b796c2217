package berlin.projekte.accounts;

import java.util.List;

/** An organisation: {@code name}, {@code initiators} (user ids). */
public record OrganisationInput(String name, List<Long> initiators) {
    public OrganisationInput {
        initiators = initiators == null ? List.of() : List.copyOf(initiators);
    }
}
