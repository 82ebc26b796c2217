// The page's requests. A classic script at the top of the head, so that what the first view needs
// (the config, the tabs' counts and the open tab's list) is on its way while the stylesheet and the
// modules load (a module runs only after the whole page is parsed); overview.js takes them from
// window.projektePage. The other tabs' lists are requested only when wanted (list(tab)).
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
  const tab = Object.keys(LISTS).includes(params.get('tab')) ? params.get('tab') : 'running';

  // until overview.js handles a failure, a rejection is not an uncaught error
  const quiet = promise => {
    promise.catch(() => {});
    return promise;
  };

  function getJson(url, lang, priority = 'auto') {
    // The browser revalidates with the lists' ETags (Cache-Control: no-cache): a return visit costs 304s.
    return fetch(url, { headers: { 'Accept-Language': lang }, credentials: 'same-origin', priority })
      .then(response => response.ok ? response.json() : Promise.reject(new Error(url + ': ' + response.status)));
  }

  /** Who is signed in and their private projects; after the open tab's list, which every visitor waits for. */
  function requestPrivate(lang) {
    return quiet(Promise.all([getJson('/projekte/session', lang, 'low'), getJson('/api/privateprojects/', lang, 'low')]));
  }

  /**
   * The first view's requests in this language, at once: {config, counts, private, list(tab)};
   * list(tab) requests a tab's list the first time it is called (the open tab's at once).
   */
  function request(lang, open) {
    const lists = {};
    const list = name => lists[name] || (lists[name] = quiet(getJson(LISTS[name], lang, name === open ? 'high' : 'auto')));
    list(open);
    return {
      config: quiet(getJson('/projekte/config.json', lang, 'high')),
      counts: quiet(getJson('/projekte/counts.json', lang, 'high')),
      private: requestPrivate(lang),
      list
    };
  }

  return { language, tab, getJson, request, requestPrivate, first: request(language, tab) };
})();
