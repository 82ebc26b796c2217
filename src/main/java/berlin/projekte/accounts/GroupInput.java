package berlin.projekte.accounts;

import java.util.List;

/** A group: {@code name}, {@code members} (user ids). */
public record GroupInput(String name, List<Long> members) {
    public GroupInput {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
