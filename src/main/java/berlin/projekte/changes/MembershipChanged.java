package berlin.projekte.changes;

/**
 * Who may view private projects changed: moderators, participants, organisation initiators,
 * group members, a superuser flag, or a user was deleted.
 */
public record MembershipChanged(String what) implements Change {
}
