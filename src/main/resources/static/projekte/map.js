// The map: Leaflet with tiles from the configured URL (none when it is empty), the projects' markers
// clustered by Leaflet.markercluster. Markers and clusters are drawn by Leaflet itself (SVG and
// plain elements), so they show on the plain background even when no tile server answers. Leaflet's
// and the cluster plugin's files are loaded once the first tiles are rendered: evaluating them is a
// long task, kept off the list's way.
const LEAFLET = '/webjars/leaflet/dist/leaflet';
const CLUSTER = '/webjars/leaflet-markercluster/';
const MARKERS_PER_FRAME = 150;
let config;   // {container, tileUrl, texts}
let leaflet;  // promise of window.L with the cluster plugin
let map;
let markers;  // the cluster group
let shown = 0; // the latest showMarkers call; an older one stops drawing
let moved = () => {};

export function configureMap(container, tileUrl, texts) {
  config = { container: config ? config.container : container, tileUrl, texts };
  if (map) map.getContainer().setAttribute('aria-label', texts.map);
}

/** Called after the map was made and after each pan or zoom. */
export function onMapMoved(callback) {
  moved = callback;
}

/** Whether a GeoJSON point is in the map's visible area; true while there is no map yet. */
export function inView(point) {
  if (!map) return true;
  const [lon, lat] = point.geometry.coordinates;
  return map.getBounds().contains([lat, lon]);
}

function loaded(node) {
  return new Promise((resolve, reject) => {
    node.addEventListener('load', resolve, { once: true });
    node.addEventListener('error', reject, { once: true });
  });
}

function load(tag, attributes) {
  const node = Object.assign(document.createElement(tag), attributes);
  document.head.append(node);
  return loaded(node);
}

function loadLeaflet() {
  if (!leaflet) {
    const style = href => load('link', { rel: 'stylesheet', href });
    // the plugin extends window.L: it runs after Leaflet
    leaflet = Promise.all([style(LEAFLET + '.css'), style(CLUSTER + 'MarkerCluster.css'),
      load('script', { src: LEAFLET + '.js' }).then(() => load('script', { src: CLUSTER + 'leaflet.markercluster.js' }))])
      .then(() => window.L);
  }
  return leaflet;
}

function makeMap(L) {
  // maxZoom on the map itself: the clusters need it even without a tile layer
  // the credits are below the map (.map-credit), not over it, where they would cover markers
  map = L.map(config.container, { scrollWheelZoom: false, maxZoom: 18, attributionControl: false }).setView([52.52, 13.405], 10);
  map.getContainer().setAttribute('aria-label', config.texts.map);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl).addTo(map);
    document.getElementById('tile-credit').hidden = false;
  }
  markers = L.markerClusterGroup({
    showCoverageOnHover: false,
    // wide enough that two clusters' icons (44 px at most) do not overlap, each a target of its own
    maxClusterRadius: 80,
    iconCreateFunction: cluster => clusterIcon(L, cluster.getChildCount())
  }).addTo(map);
  map.on('moveend', showMoved);
  showMoved();
}

/** The map's zoom and visible area on its element (data-zoom, data-bounds: south,west,north,east), then the callback. */
function showMoved() {
  const bounds = map.getBounds();
  Object.assign(map.getContainer().dataset, {
    zoom: String(map.getZoom()),
    bounds: [bounds.getSouth(), bounds.getWest(), bounds.getNorth(), bounds.getEast()].join(',')
  });
  moved();
}

function clusterIcon(L, count) {
  // built as an element, not markup: a count and, for a screen reader, what a click does
  const html = document.createElement('span');
  html.textContent = count;
  html.title = config.texts.cluster(count);
  const size = count < 10 ? 32 : count < 100 ? 38 : 44;
  return L.divIcon({ html, className: 'cluster', iconSize: L.point(size, size) });
}

export function clearMarkers() {
  shown++;
  if (map) markers.clearLayers();
}

const nextFrame = () => new Promise(resolve => requestAnimationFrame(resolve));

/** Shows the markers of these items, a batch per animation frame; the first call loads Leaflet. */
export function showMarkers(items) {
  const call = ++shown;
  if (!config) return;
  // evaluating Leaflet, restyling the page with its stylesheet, making the map and each batch of
  // markers get a frame of their own
  loadLeaflet().then(async L => {
    await nextFrame();
    await nextFrame();
    if (call !== shown) return;
    if (!map) makeMap(L);
    markers.clearLayers();
    const located = items.filter(item => item.point);
    for (let next = 0; next < located.length; next += MARKERS_PER_FRAME) {
      await nextFrame();
      if (call !== shown) return;
      markers.addLayers(located.slice(next, next + MARKERS_PER_FRAME).map(item => marker(L, item)));
    }
    map.getContainer().dataset.markers = String(located.length);
  }, error => console.warn('no map:', error.type || error)); // without Leaflet the list still works
}

function marker(L, item) {
  const [lon, lat] = item.point.geometry.coordinates;
  const dot = L.circleMarker([lat, lon], { radius: 7, color: '#0b4f8a', weight: 2, fillColor: '#2a7bc0', fillOpacity: 0.9 });
  // the popup is built when opened, not for every marker in advance
  dot.bindPopup(() => {
    const link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    return link;
  });
  return dot;
}
