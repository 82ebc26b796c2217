package berlin.projekte.projects;

/**
 * Who may see a project: everyone (PUBLIC, SEMIPUBLIC) or only its members (PRIVATE). The lists
 * send {@link #code()}, the original platform's enum number, which its front-end maps to icons;
 * the write API keeps the names.
 */
public enum Access {
    PUBLIC(1), SEMIPUBLIC(2), PRIVATE(3);

    private final int code;

    Access(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
