package berlin.projekte.projects;

/** What a project is: a participation project of the platform, an external one, or a Bebauungsplan. */
public enum Kind {
    PROJECT, EXTERNAL, BPLAN;

    /** EXTERNAL and BPLAN projects live elsewhere: their item links to the external URL. */
    public boolean isExternal() {
        return this != PROJECT;
    }
}
