package berlin.projekte.projects;

/** Who may see a project: everyone (PUBLIC, SEMIPUBLIC) or only its members (PRIVATE). */
public enum Access {
    PUBLIC, SEMIPUBLIC, PRIVATE
}
