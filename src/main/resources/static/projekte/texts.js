// The page's own words in German and English (the lists' texts come from the API in the same language).
export const TEXTS = {
  de: {
    title: 'Projekte und Vorhaben', skip: 'Zur Liste springen', tabs: 'Listen', map: 'Karte der Projekte',
    running: 'Laufend', upcoming: 'Demnächst', past: 'Abgeschlossen', plans: 'Vorhaben', external: 'Externe Projekte',
    search: 'Suche', district: 'Bezirk', topic: 'Thema', organisation: 'Organisation', kind: 'Art', all: 'Alle',
    kinds: { project: 'Beteiligungsprojekt', bplan: 'Bebauungsplan', plan: 'Vorhaben', external: 'Externes Projekt' },
    login: 'Anmelden', logout: 'Abmelden', username: 'Benutzername', password: 'Passwort',
    loginFailed: 'Anmeldung fehlgeschlagen.', signedInAs: 'Angemeldet als',
    count: n => n === 1 ? '1 Eintrag' : `${n} Einträge`, countInArea: n => `${n === 1 ? '1 Eintrag' : `${n} Einträge`} im Kartenausschnitt`,
    area: 'Nur Projekte im Kartenausschnitt', cluster: n => `${n} Projekte hier, heranzoomen`, loading: 'Wird geladen …', failed: 'Die Liste konnte nicht geladen werden.',
    semipublic: 'Halböffentlich', private: 'Privat', startsOn: 'Beginnt am', left: 'verbleibend', progress: 'Fortschritt',
    plan: 'Vorhaben', cityWide: 'Gesamtstädtisch', other: 'English'
  },
  en: {
    title: 'Projects and plans', skip: 'Skip to the list', tabs: 'Lists', map: 'Map of the projects',
    running: 'Running', upcoming: 'Upcoming', past: 'Past', plans: 'Plans', external: 'External projects',
    search: 'Search', district: 'District', topic: 'Topic', organisation: 'Organisation', kind: 'Kind', all: 'All',
    kinds: { project: 'Participation project', bplan: 'Development plan', plan: 'Plan', external: 'External project' },
    login: 'Sign in', logout: 'Sign out', username: 'Username', password: 'Password',
    loginFailed: 'Sign-in failed.', signedInAs: 'Signed in as',
    count: n => n === 1 ? '1 entry' : `${n} entries`, countInArea: n => `${n === 1 ? '1 entry' : `${n} entries`} in the map's area`,
    area: "Only projects in the map's area", cluster: n => `${n} projects here, zoom in`, loading: 'Loading …', failed: 'The list could not be loaded.',
    semipublic: 'Semi-public', private: 'Private', startsOn: 'Starts on', left: 'left', progress: 'Progress',
    plan: 'Plan', cityWide: 'Citywide', other: 'Deutsch'
  }
};
