// The overview page: shows the lists requested by requests.js, keeps tab, filters and search in the
// URL, renders the tiles in batches (no long frame even with 700 of them), then the map.
import { TEXTS } from './texts.js';
import { tile } from './tiles.js';
import { configureMap, clearMarkers, showMarkers } from './map.js';

const page = window.projektePage;
const TABS = ['running', 'upcoming', 'past', 'plans', 'external'];
const FILTERS = ['q', 'district', 'topic', 'organisation', 'kind'];
const PRIVATE_TAB = { 0: 'running', 1: 'upcoming', 2: 'past' };
// A frame gets at most BATCH_LIMIT tiles, fewer once FRAME_BUDGET_MS is spent: the rest of the frame
// is left to style, layout and paint, so no frame grows long however many tiles a list has.
const BATCH_LIMIT = 40;
const FRAME_BUDGET_MS = 8;

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  tab: TABS.includes(params.get('tab')) ? params.get('tab') : 'running',
  lang: page.language,
  filters: Object.fromEntries(FILTERS.map(name => [name, params.get(name) || ''])),
  lists: {},          // tab -> items of its public list, or null while loading
  privateItems: [],   // the signed-in user's private projects
  topics: {},
  user: null
};
let t = TEXTS[state.lang];
let renderRun = 0;

function kindOf(item, tab) {
  if (item.type === 'plan') return 'plan';
  if (tab === 'external') return 'external';
  return item.subtype === 'external' ? 'bplan' : 'project';
}

function itemsOf(tab) {
  const list = state.lists[tab];
  if (!list) return null;
  const own = state.privateItems.filter(item => PRIVATE_TAB[item.status] === tab);
  return own.concat(list);
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
  const everything = TABS.flatMap(tab => itemsOf(tab) || []);
  const sorted = key => byName([...new Set(everything.map(key).filter(Boolean))].map(v => [v, v]));
  options($('district'), sorted(item => item.district));
  options($('organisation'), sorted(item => item.organisation));
  options($('topic'), byName(Object.entries(state.topics).map(([code, names]) => [code, names[state.lang]])));
  options($('kind'), Object.entries(t.kinds));
  $('q').value = state.filters.q;
}

function showCounts() {
  for (const tab of TABS) {
    const items = itemsOf(tab);
    const count = document.querySelector(`#tab-${tab} .count`);
    count.textContent = items ? `(${items.filter(item => matches(item, tab)).length})` : '';
  }
}

function selectTab(tab, focus) {
  state.tab = tab;
  for (const button of document.querySelectorAll('[role=tab]')) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    if (selected && focus) button.focus();
  }
  $('results').setAttribute('aria-labelledby', 'tab-' + tab);
  writeUrl();
  render();
}

// Renders the current tab's tiles a batch per animation frame, then their markers on the map. The
// results' data-batches and data-largest-batch say how the last render was split (data-batch-limit).
function render() {
  const run = ++renderRun;
  const results = $('results');
  const ul = $('tiles');
  const all = itemsOf(state.tab);
  showCounts();
  if (!all) {
    results.dataset.state = state.failed ? 'failed' : 'loading';
    $('summary').textContent = state.failed ? t.failed : t.loading;
    ul.replaceChildren();
    return;
  }
  const items = all.filter(item => matches(item, state.tab));
  results.dataset.state = 'rendering';
  results.dataset.batchLimit = String(BATCH_LIMIT);
  $('summary').textContent = t.count(items.length);
  clearMarkers();
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
      showMarkers(items);
    }
  };
  requestAnimationFrame(batch);
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

/** Shows what `requests` (from page.request) brings, each list as soon as it is there. */
function load(requests) {
  state.failed = false;
  for (const tab of TABS) state.lists[tab] = null;
  render(); // the results say they are loading, until the new lists are there
  // tiles name their topics, so a list is shown once the topic names are there too
  const config = requests.config.then(c => {
    state.topics = c.topics;
    configureMap($('map'), c.tile_url, t.map);
    return c;
  });
  const lists = TABS.map(tab => Promise.all([requests.lists[tab], config]).then(([items]) => {
    state.lists[tab] = items;
    if (tab === state.tab) render(); else showCounts();
  }));
  return Promise.all([config, showPrivate(requests.private), ...lists])
    .catch(error => { state.failed = true; console.error(error); })
    .finally(() => {
      fillFilters();
      // the first render did not have the private projects or every topic name for the search
      if (state.failed || state.privateItems.length || state.filters.q) render(); else showCounts();
    });
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
    render();
    $('logout').focus();
  }
}

async function logout() {
  await postWithCsrf('/logout', {});
  await showPrivate(page.requestPrivate(state.lang));
  fillFilters();
  render();
  $('login').querySelector('summary').focus();
}

function wire() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const button of tabs) button.addEventListener('click', () => selectTab(button.dataset.tab));
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
      if (state.filters[field.name] === field.value.trim()) return;
      state.filters[field.name] = field.value.trim();
      writeUrl();
      render();
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
    load(page.request(state.lang));
  });
}

applyTexts();
wire();
selectTab(state.tab);
load(page.first);
