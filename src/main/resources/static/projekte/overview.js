// The overview page: loads the lists in parallel, keeps tab, filters and search in the URL,
// renders the tiles in chunks (no long frame even with 700 of them) and the markers on the map.
import { TEXTS } from './texts.js';
import { tile } from './tiles.js';
import { showMap, clearMarkers, addMarkers } from './map.js';

const TABS = ['running', 'upcoming', 'past', 'plans', 'external'];
const LISTS = {
  running: '/api/projects/?status=activeParticipation',
  upcoming: '/api/projects/?status=futureParticipation',
  past: '/api/projects/?status=pastParticipation',
  plans: '/api/plans/',
  external: '/api/extprojects/'
};
const FILTERS = ['q', 'district', 'topic', 'organisation', 'kind'];
const PRIVATE_TAB = { 0: 'running', 1: 'upcoming', 2: 'past' };
const FRAME_BUDGET_MS = 8;

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  tab: TABS.includes(params.get('tab')) ? params.get('tab') : 'running',
  lang: ['de', 'en'].includes(params.get('lang')) ? params.get('lang')
    : /^en\b/i.test(navigator.language) ? 'en' : 'de', // the browser's first language
  filters: Object.fromEntries(FILTERS.map(name => [name, params.get(name) || ''])),
  lists: {},          // tab -> items of its public list, or null while loading
  privateItems: [],   // the signed-in user's private projects
  topics: {},
  user: null
};
let t = TEXTS[state.lang];
let renderRun = 0;

function getJson(url) {
  // The browser revalidates with the lists' ETags (Cache-Control: no-cache): a return visit costs 304s.
  return fetch(url, { headers: { 'Accept-Language': state.lang }, credentials: 'same-origin' })
    .then(response => response.ok ? response.json() : Promise.reject(new Error(url + ': ' + response.status)));
}

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

function fillFilters() {
  const everything = TABS.flatMap(tab => itemsOf(tab) || []);
  const sorted = key => [...new Set(everything.map(key).filter(Boolean))].sort((a, b) => a.localeCompare(b, state.lang)).map(v => [v, v]);
  options($('district'), sorted(item => item.district));
  options($('organisation'), sorted(item => item.organisation));
  options($('topic'), Object.entries(state.topics).map(([code, names]) => [code, names[state.lang]])
    .sort((a, b) => a[1].localeCompare(b[1], state.lang)));
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

// Renders the current tab's tiles a few at a time, one batch per animation frame.
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
  $('summary').textContent = t.count(items.length);
  clearMarkers();
  ul.replaceChildren();
  const ctx = { t, lang: state.lang, topics: state.topics };
  let next = 0;
  const batch = () => {
    if (run !== renderRun) return; // a newer render took over
    const started = performance.now();
    const fragment = document.createDocumentFragment();
    const from = next;
    while (next < items.length && performance.now() - started < FRAME_BUDGET_MS) {
      fragment.append(tile(items[next++], ctx));
    }
    ul.append(fragment);
    addMarkers(items.slice(from, next));
    if (next < items.length) {
      requestAnimationFrame(batch);
    } else {
      results.dataset.state = 'ready';
      results.dataset.count = String(items.length);
      performance.mark('tiles-rendered');
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

function load() {
  state.failed = false;
  for (const tab of TABS) state.lists[tab] = null;
  // tiles name their topics, so a list is shown once the topic names are there too
  const config = getJson('/projekte/config.json').then(c => {
    state.topics = c.topics;
    showMap($('map'), c.tile_url, t.map);
    return c;
  });
  const lists = TABS.map(tab => Promise.all([getJson(LISTS[tab]), config]).then(([items]) => {
    state.lists[tab] = items;
    if (tab === state.tab) render(); else showCounts();
  }));
  return Promise.all([config, loadPrivate(), ...lists])
    .catch(error => { state.failed = true; console.error(error); })
    .finally(() => {
      fillFilters();
      // the first render did not have the private projects or every topic name for the search
      if (state.failed || state.privateItems.length || state.filters.q) render(); else showCounts();
    });
}

function loadPrivate() {
  return Promise.all([getJson('/projekte/session'), getJson('/api/privateprojects/')]).then(([session, items]) => {
    state.user = session.username;
    state.privateItems = session.username ? items : [];
    $('login').hidden = Boolean(state.user);
    $('signed-in').hidden = !state.user;
    $('signed-in-as').textContent = state.user ? `${t.signedInAs} ${state.user}` : '';
  });
}

// Posts a form to the session login or logout with the CSRF token, then reloads the private list.
async function postWithCsrf(url, fields) {
  const csrf = await getJson('/api/csrf');
  const body = new URLSearchParams(fields);
  body.set(csrf.parameter_name, csrf.token);
  return fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { [csrf.header_name]: csrf.token } });
}

async function login(event) {
  event.preventDefault();
  const form = event.target;
  await postWithCsrf('/login', { username: form.username.value, password: form.password.value });
  await loadPrivate(); // whether it worked is what the session says, wherever the login redirected
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
  await loadPrivate();
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
    load();
  });
}

applyTexts();
wire();
selectTab(state.tab);
load();
