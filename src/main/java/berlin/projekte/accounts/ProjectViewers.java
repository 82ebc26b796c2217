package berlin.projekte.accounts;

import java.util.Set;

/**
 * THE rule of who may view a private project: a superuser; an initiator of its organisation; a
 * moderator, a participant, or a member of the project's group. Nobody else.
 */
public final class ProjectViewers {

    private ProjectViewers() {
    }

    /**
     * One statement listing (project_id, user_id) for every non-superuser who may view a project
     * matching {@code projectCondition} (a condition on alias {@code p}).
     */
    public static String viewersQuery(String projectCondition) {
        return "select m.project_id, m.user_id from project_moderator m join project p on p.id = m.project_id where " + projectCondition
                + " union select pa.project_id, pa.user_id from project_participant pa join project p on p.id = pa.project_id where " + projectCondition
                + " union select p.id, gm.user_id from project p join group_member gm on gm.group_id = p.group_id where " + projectCondition
                + " union select p.id, oi.user_id from project p join organisation_initiator oi on oi.organisation_id = p.organisation_id where " + projectCondition;
    }

    /** Whether the viewer may see a private project whose non-superuser viewers are given. */
    public static boolean mayView(Viewer viewer, Set<Long> viewerIds) {
        return mayView(viewer, !viewer.isAnonymous() && viewerIds.contains(viewer.userId()));
    }

    /** The same rule, when the caller already looked the viewer up among the project's viewers. */
    public static boolean mayView(Viewer viewer, boolean amongViewers) {
        return viewer.superuser() || (!viewer.isAnonymous() && amongViewers);
    }
}
