package berlin.projekte.changes;

/**
 * Who may view private projects changed: a project's moderators, participants or group,
 * organisation initiators, group members, a superuser flag, or a user was deleted.
 */
public record MembershipChanged(String what) implements Change {
}
