// The overview page: shows the open tab's list first (requested by requests.js), the other tabs'
// lists when they are opened; keeps tab, filters and search in the URL; renders the tiles in batches
// (no long frame even with 700 of them), then the map. The tabs' counts come from counts.json until
// a tab's list is there, then from the list itself.
import { TEXTS } from './texts.js';
import { tile } from './tiles.js';
import { configureMap, clearMarkers, showMarkers, inView, onMapMoved } from './map.js';

const page = window.projektePage;
const TABS = ['running', 'upcoming', 'past', 'plans', 'external'];
const FILTERS = ['q', 'district', 'topic', 'organisation', 'kind'];
const PRIVATE_TAB = { 0: 'running', 1: 'upcoming', 2: 'past' };
// A frame gets at most BATCH_LIMIT tiles, fewer once FRAME_BUDGET_MS is spent: the rest of the frame
// is left to style, layout and paint, so no frame grows long however many tiles a list has.
const BATCH_LIMIT = 20;
const FRAME_BUDGET_MS = 5;

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  tab: page.tab,
  lang: page.language,
  filters: Object.fromEntries(FILTERS.map(name => [name, params.get(name) || ''])),
  area: params.get('area') === 'map', // the list follows the map's visible area
  requests: null,     // the current language's requests (requests.js)
  config: null,       // promise of config.json, which every list waits for (topic names)
  lists: {},          // tab -> items of its public list, or null until it is there
  wanted: new Set(),  // tabs whose list is requested
  counts: null,       // tab -> items in its public list (counts.json), or null until it is there
  privateKnown: false,
  privateItems: [],   // the signed-in user's private projects
  topics: {},
  districts: [],
  user: null,
  markersStale: true  // the map does not show the current tab's filtered items yet
};
let t = TEXTS[state.lang];
let renderRun = 0;

function kindOf(item, tab) {
  if (item.type === 'plan') return 'plan';
  if (tab === 'external') return 'external';
  return item.subtype === 'external' ? 'bplan' : 'project';
}

function ownItems(tab) {
  return state.privateItems.filter(item => PRIVATE_TAB[item.status] === tab);
}

function itemsOf(tab) {
  const list = state.lists[tab];
  return list ? ownItems(tab).concat(list) : null;
}

/** Whether a filter or the search narrows the lists: then a tab's count needs its items. */
function filtering() {
  return FILTERS.some(name => state.filters[name]);
}

function matches(item, tab) {
  const f = state.filters;
  if (f.district && item.district !== f.district) return false;
  if (f.topic && !item.topics.includes(f.topic)) return false;
  if (f.organisation && item.organisation !== f.organisation) return false;
  if (f.kind && kindOf(item, tab) !== f.kind) return false;
  if (f.q) {
    const words = [item.title, item.organisation, item.district, ...item.topics.map(c => state.topics[c] ? state.topics[c][state.lang] : c)];
    const text = words.join(' ').toLocaleLowerCase(state.lang);
    return f.q.toLocaleLowerCase(state.lang).split(/\s+/).filter(Boolean).every(word => text.includes(word));
  }
  return true;
}

function writeUrl() {
  const query = new URLSearchParams();
  if (state.tab !== 'running') query.set('tab', state.tab);
  for (const name of FILTERS) if (state.filters[name]) query.set(name, state.filters[name]);
  if (state.area) query.set('area', 'map');
  if (params.has('lang') || state.langChosen) query.set('lang', state.lang);
  const search = query.toString();
  history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
}

function options(select, values, label) {
  const current = state.filters[select.id];
  const all = [['', t.all]].concat(values);
  if (current && !values.some(([value]) => value === current)) all.push([current, current]);
  select.replaceChildren(...all.map(([value, text]) => new Option(text, value, false, value === current)));
  select.value = current;
}

// Alphabetical as in a German dictionary (DIN 5007-1: ä as a, ß as ss), without Intl.Collator:
// making the first collator loads ICU's collation data, a long task of its own.
function sortKey(name) {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

function byName(entries) {
  const keyed = entries.map(entry => [sortKey(entry[1]), entry]);
  keyed.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return keyed.map(([, entry]) => entry);
}

function fillFilters() {
  const loaded = TABS.flatMap(tab => itemsOf(tab) || []);
  const organisations = [...new Set(loaded.map(item => item.organisation).filter(Boolean))];
  options($('district'), byName(state.districts.map(name => [name, name])));
  options($('organisation'), byName(organisations.map(name => [name, name])));
  options($('topic'), byName(Object.entries(state.topics).map(([code, names]) => [code, names[state.lang]])));
  options($('kind'), Object.entries(t.kinds));
  $('q').value = state.filters.q;
  $('area').checked = state.area;
}

/**
 * A tab's count: from its list once that is there (filters applied, the user's private projects
 * included); before that, without a filter, counts.json's number plus the user's private projects
 * of that tab, once both are known; with a filter, nothing until the list is there.
 */
function countOf(tab) {
  const items = itemsOf(tab);
  if (items) return items.filter(item => matches(item, tab)).length;
  if (filtering() || !state.counts || !state.privateKnown) return null;
  return state.counts[tab] + ownItems(tab).length;
}

function showCounts() {
  for (const tab of TABS) {
    const count = countOf(tab);
    document.querySelector(`#tab-${tab} .count`).textContent = count === null ? '' : `(${count})`;
  }
}

/** Requests a tab's list (once per language) and shows it when it is there. */
function want(tab) {
  if (state.wanted.has(tab)) return;
  state.wanted.add(tab);
  const requests = state.requests;
  Promise.all([requests.list(tab), state.config]).then(([items]) => {
    if (requests !== state.requests) return; // the language changed meanwhile
    state.lists[tab] = items;
    fillFilters();
    if (tab === state.tab) render(); else showCounts();
  }, error => failed(requests, error));
}

function failed(requests, error) {
  if (requests !== state.requests) return;
  console.error(error);
  state.failed = true;
  render();
}

function selectTab(tab, focus) {
  state.tab = tab;
  state.markersStale = true;
  for (const button of document.querySelectorAll('[role=tab]')) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    if (selected && focus) button.focus();
  }
  $('results').setAttribute('aria-labelledby', 'tab-' + tab);
  writeUrl();
  if (state.requests) want(tab);
  render();
}

// Renders the current tab's tiles a batch per animation frame, then their markers on the map. The
// results' data-batches and data-largest-batch say how the last render was split (data-batch-limit).
// With the area toggle on, the list holds the items in the map's visible area and the citywide ones
// (they concern every area); the map keeps every item of the tab and its filters.
function render() {
  const run = ++renderRun;
  const results = $('results');
  const ul = $('tiles');
  const all = itemsOf(state.tab);
  showCounts();
  if (state.markersStale) clearMarkers();
  if (!all) {
    results.dataset.state = state.failed ? 'failed' : 'loading';
    $('summary').textContent = state.failed ? t.failed : t.loading;
    showCitywide([]);
    ul.replaceChildren();
    return;
  }
  const matched = all.filter(item => matches(item, state.tab));
  const items = state.area ? matched.filter(item => !item.point || inView(item.point)) : matched;
  results.dataset.state = 'rendering';
  results.dataset.batchLimit = String(BATCH_LIMIT);
  // #summary is a live region: a screen reader hears the new number after a filter, a search or a map move
  $('summary').textContent = state.area ? t.countInArea(items.length) : t.count(items.length);
  showCitywide(matched.filter(item => !item.point));
  ul.replaceChildren();
  const ctx = { t, lang: state.lang, topics: state.topics };
  let next = 0;
  let batches = 0;
  let largest = 0;
  const batch = () => {
    if (run !== renderRun) return; // a newer render took over
    const started = performance.now();
    const fragment = document.createDocumentFragment();
    const end = Math.min(items.length, next + BATCH_LIMIT);
    const from = next;
    while (next < end && (next === from || performance.now() - started < FRAME_BUDGET_MS)) {
      fragment.append(tile(items[next++], ctx));
    }
    ul.append(fragment);
    batches += next > from ? 1 : 0;
    largest = Math.max(largest, next - from);
    if (next < items.length) {
      requestAnimationFrame(batch);
    } else {
      Object.assign(results.dataset, { state: 'ready', count: String(items.length), batches: String(batches), largestBatch: String(largest) });
      performance.mark('tiles-rendered');
      if (state.markersStale) {
        state.markersStale = false;
        showMarkers(matched);
      }
    }
  };
  requestAnimationFrame(batch);
}

/** The items without a location, listed below the map as citywide. */
function showCitywide(items) {
  $('citywide-count').textContent = `(${items.length})`;
  $('citywide-list').replaceChildren(...items.map(item => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    li.append(link);
    return li;
  }));
}

function applyTexts() {
  t = TEXTS[state.lang];
  document.documentElement.lang = state.lang;
  document.title = t.title;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t[node.dataset.text];
  for (const node of document.querySelectorAll('[data-label]')) node.setAttribute('aria-label', t[node.dataset.label]);
  const other = state.lang === 'de' ? 'en' : 'de';
  $('language').textContent = t.other;
  $('language').lang = other;
  $('signed-in-as').textContent = state.user ? `${t.signedInAs} ${state.user}` : '';
}

/** Shows what `requests` (from page.request) brings: the open tab's list first, the others when wanted. */
function load(requests) {
  state.requests = requests;
  state.failed = false;
  state.counts = null;
  state.privateKnown = false;
  state.wanted = new Set();
  state.markersStale = true;
  for (const tab of TABS) state.lists[tab] = null;
  render(); // the results say they are loading, until the list is there
  // tiles name their topics, so a list is shown once the topic names are there too
  state.config = requests.config.then(c => {
    state.topics = c.topics;
    state.districts = c.districts;
    configureMap($('map'), c.tile_url, t);
    fillFilters();
    return c;
  });
  // without counts.json a tab's count waits for its list: not a failure of the page
  requests.counts.then(counts => {
    if (requests === state.requests) state.counts = counts;
    showCounts();
  }, error => console.warn('no counts:', error.message));
  showPrivate(requests.private).then(() => {
    if (requests !== state.requests) return;
    state.privateKnown = true;
    fillFilters();
    if (state.privateItems.length) render(); else showCounts();
  }, error => failed(requests, error));
  want(state.tab);
  if (filtering()) TABS.forEach(want); // the counts need every list's items
}

function showPrivate(requested) {
  return requested.then(([session, items]) => {
    state.user = session.username;
    state.privateItems = session.username ? items : [];
    $('login').hidden = Boolean(state.user);
    $('signed-in').hidden = !state.user;
    $('signed-in-as').textContent = state.user ? `${t.signedInAs} ${state.user}` : '';
  });
}

// Posts a form to the session login or logout with the CSRF token, then reloads the private list.
async function postWithCsrf(url, fields) {
  const csrf = await page.getJson('/api/csrf', state.lang);
  const body = new URLSearchParams(fields);
  body.set(csrf.parameter_name, csrf.token);
  return fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { [csrf.header_name]: csrf.token } });
}

async function login(event) {
  event.preventDefault();
  const form = event.target;
  await postWithCsrf('/login', { username: form.username.value, password: form.password.value });
  await showPrivate(page.requestPrivate(state.lang)); // whether it worked is what the session says, wherever the login redirected
  $('login-error').hidden = Boolean(state.user);
  if (state.user) {
    form.reset();
    $('login').open = false;
    fillFilters();
    refresh();
    $('logout').focus();
  }
}

async function logout() {
  await postWithCsrf('/logout', {});
  await showPrivate(page.requestPrivate(state.lang));
  fillFilters();
  refresh();
  $('login').querySelector('summary').focus();
}

/** Renders the current tab after its items or filters changed: the map's markers too. */
function refresh() {
  state.markersStale = true;
  render();
}

function wire() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const button of tabs) {
    button.addEventListener('click', () => selectTab(button.dataset.tab));
    // a pointer on its way to a tab: its list is requested before the click
    button.addEventListener('pointerenter', () => want(button.dataset.tab));
  }
  $('tabs').addEventListener('keydown', event => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const index = TABS.indexOf(state.tab);
    if (step) selectTab(TABS[(index + step + TABS.length) % TABS.length], true);
    else if (event.key === 'Home') selectTab(TABS[0], true);
    else if (event.key === 'End') selectTab(TABS[TABS.length - 1], true);
    else return;
    event.preventDefault();
  });
  const typing = {};
  const filter = event => {
    const field = event.target;
    clearTimeout(typing[field.name]);
    typing[field.name] = setTimeout(() => {
      if (field.id === 'area') {
        if (state.area === field.checked) return;
        state.area = field.checked;
        writeUrl();
        render();
        return;
      }
      if (state.filters[field.name] === field.value.trim()) return;
      state.filters[field.name] = field.value.trim();
      writeUrl();
      if (filtering()) TABS.forEach(want); // the counts need every list's items
      refresh();
    }, field.id === 'q' ? 200 : 0);
  };
  // a select may report a choice only as 'change' (e.g. chosen by keyboard or a driver)
  $('filters').addEventListener('input', filter);
  $('filters').addEventListener('change', filter);
  $('filters').addEventListener('submit', event => event.preventDefault());
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'de' ? 'en' : 'de';
    state.langChosen = true;
    applyTexts();
    writeUrl();
    load(page.request(state.lang, state.tab));
  });
  onMapMoved(() => {
    if (state.area) render();
  });
}

applyTexts();
wire();
selectTab(state.tab);
load(page.first);
