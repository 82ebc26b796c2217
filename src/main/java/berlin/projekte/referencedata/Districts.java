package berlin.projekte.referencedata;

import berlin.projekte.web.Language;

/** What a list says for a project or plan without a district. */
public final class Districts {

    private Districts() {
    }

    public static String nameOrCityWide(String district, Language language) {
        if (district != null) {
            return district;
        }
        return language == Language.EN ? "City wide" : "Gesamtstädtisch";
    }
}
