// One tile (card) of the list, built with DOM calls only: list data never becomes markup.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null && text !== '') node.textContent = text;
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';
const ICONS = {
  // an eye (semi-public) and a padlock (private)
  2: 'M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5zm7 3a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  3: 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z'
};

function accessBadge(access, t) {
  const badge = el('span', 'badge');
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 16 16');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS[access]);
  icon.append(path);
  badge.append(icon, access === 3 ? t.private : t.semipublic);
  return badge;
}

// The day of the ISO date as sent (Berlin's), DD.MM.YYYY or DD/MM/YYYY: without Intl, whose first
// date format costs a long task, and toLocaleDateString with options makes one for every date.
function formatDate(iso, lang) {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return [day, month, year].join(lang === 'en' ? '/' : '.');
}

export function tile(item, ctx) {
  const { t, lang, topics } = ctx;
  const li = el('li', 'tile');
  const article = el('article');
  if (item.tile_image) {
    const figure = el('figure');
    const img = el('img');
    img.src = item.tile_image;
    img.alt = item.tile_image_alt_text || '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.width = 320;
    img.height = 180;
    // an image that does not load leaves its alt text on a plain panel, not a broken-image icon
    img.addEventListener('error', () => figure.classList.add('missing'), { once: true });
    figure.append(img);
    if (item.tile_image_copyright) figure.append(el('figcaption', null, '© ' + item.tile_image_copyright.replace(/^©\s*/, '')));
    article.append(figure);
  }
  const body = el('div', 'tile-body');
  const heading = el('h2');
  const link = el('a', null, item.title);
  link.href = item.url;
  heading.append(link);
  body.append(heading);
  if (item.access === 2 || item.access === 3) body.append(accessBadge(item.access, t));
  // an item without a location concerns the whole city (the map lists it below as citywide)
  body.append(el('p', 'meta', [item.organisation, item.district, item.point ? null : t.cityWide].filter(Boolean).join(' · ')));
  if (item.topics.length) {
    const list = el('ul', 'topics');
    for (const code of item.topics) list.append(el('li', null, topics[code] ? topics[code][lang] : code));
    body.append(list);
  }
  body.append(participation(item, t, lang));
  article.append(body);
  li.append(article);
  return li;
}

function participation(item, t, lang) {
  const box = el('div', 'participation');
  if (Array.isArray(item.active_phase)) {
    const [progress, left] = item.active_phase;
    const bar = el('progress');
    bar.max = 100;
    bar.value = progress;
    bar.setAttribute('aria-label', `${t.progress}: ${progress} %`);
    box.append(el('span', 'state running', item.participation_string), bar, el('span', 'left', `${left} ${t.left}`));
  } else if (item.status === 1 && item.future_phase) {
    box.append(el('span', 'state upcoming', `${t.startsOn} ${formatDate(item.future_phase, lang)}`));
  } else {
    box.append(el('span', 'state', item.participation_string));
  }
  return box;
}
