// The map: Leaflet with tiles from the configured URL; markers are drawn on a canvas, so they show on
// the plain background even when no tile server answers. Leaflet's script and stylesheet are loaded
// once the first tiles are rendered: evaluating its 150 kB is one long task, kept off the list's way.
const LEAFLET = '/webjars/leaflet/dist/leaflet';
const MARKERS_PER_FRAME = 150;
let config;   // {container, tileUrl, label}
let leaflet;  // promise of window.L
let map;
let markers;
let shown = 0; // the latest showMarkers call; an older one stops drawing

export function configureMap(container, tileUrl, label) {
  config = config || { container, tileUrl, label };
}

function loaded(node) {
  return new Promise((resolve, reject) => {
    node.addEventListener('load', resolve, { once: true });
    node.addEventListener('error', reject, { once: true });
  });
}

function loadLeaflet() {
  if (!leaflet) {
    const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: LEAFLET + '.css' });
    const script = Object.assign(document.createElement('script'), { src: LEAFLET + '.js' });
    leaflet = Promise.all([loaded(style), loaded(script)]).then(() => window.L);
    document.head.append(style, script);
  }
  return leaflet;
}

function makeMap(L) {
  map = L.map(config.container, { preferCanvas: true, scrollWheelZoom: false }).setView([52.52, 13.405], 10);
  map.getContainer().setAttribute('aria-label', config.label);
  L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>' }).addTo(map);
  markers = L.layerGroup().addTo(map);
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
    for (let next = 0; next < items.length; next += MARKERS_PER_FRAME) {
      await nextFrame();
      if (call !== shown) return;
      for (const item of items.slice(next, next + MARKERS_PER_FRAME)) addMarker(L, item);
    }
  }, error => console.warn('no map:', error.type || error)); // without Leaflet the list still works
}

function addMarker(L, item) {
  if (!item.point) return;
  const [lon, lat] = item.point.geometry.coordinates;
  const marker = L.circleMarker([lat, lon], { radius: 6, color: '#0b4f8a', weight: 2, fillColor: '#2a7bc0', fillOpacity: 0.9 });
  // the popup is built when opened, not for every marker in advance
  marker.bindPopup(() => {
    const link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    return link;
  });
  markers.addLayer(marker);
}
