// The page's requests. A classic script at the top of the head, so that the lists, the config and
// the session are on their way while the stylesheet and the modules load (a module runs only after
// the whole page is parsed); overview.js takes them from window.projektePage.
'use strict';
window.projektePage = (() => {
  const LISTS = {
    running: '/api/projects/?status=activeParticipation',
    upcoming: '/api/projects/?status=futureParticipation',
    past: '/api/projects/?status=pastParticipation',
    plans: '/api/plans/',
    external: '/api/extprojects/'
  };
  const params = new URLSearchParams(location.search);
  const language = ['de', 'en'].includes(params.get('lang')) ? params.get('lang')
    : /^en\b/i.test(navigator.language) ? 'en' : 'de'; // the browser's first language

  function getJson(url, lang, priority = 'auto') {
    // The browser revalidates with the lists' ETags (Cache-Control: no-cache): a return visit costs 304s.
    return fetch(url, { headers: { 'Accept-Language': lang }, credentials: 'same-origin', priority })
      .then(response => response.ok ? response.json() : Promise.reject(new Error(url + ': ' + response.status)));
  }

  /** Who is signed in and their private projects; after the lists, which every visitor waits for. */
  function requestPrivate(lang) {
    return Promise.all([getJson('/projekte/session', lang, 'low'), getJson('/api/privateprojects/', lang, 'low')]);
  }

  /** Everything the page shows, requested at once: {config, lists: {tab: promise}, private}. */
  function request(lang) {
    const lists = {};
    for (const [tab, url] of Object.entries(LISTS)) lists[tab] = getJson(url, lang, 'high');
    return { config: getJson('/projekte/config.json', lang, 'high'), lists, private: requestPrivate(lang) };
  }

  const first = request(language);
  // overview.js handles a failure; until it is there, a rejection is not an uncaught error
  for (const promise of [first.config, first.private, ...Object.values(first.lists)]) promise.catch(() => {});
  return { language, getJson, request, requestPrivate, first };
})();
