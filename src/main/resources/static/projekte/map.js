// The map: Leaflet with tiles from the configured URL; markers are drawn on a canvas, so
// they show on the plain background even when no tile server answers.
let map;
let markers;

export function showMap(container, tileUrl, label) {
  if (map || !window.L) return; // made once; without Leaflet the list still works
  map = L.map(container, { preferCanvas: true, scrollWheelZoom: false }).setView([52.52, 13.405], 10);
  map.getContainer().setAttribute('aria-label', label);
  L.tileLayer(tileUrl, { maxZoom: 18, attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>' }).addTo(map);
  markers = L.layerGroup().addTo(map);
}

export function clearMarkers() {
  if (map) markers.clearLayers();
}

/** Adds the markers of these items (called batch by batch, as the tiles are rendered). */
export function addMarkers(items) {
  if (!map) return;
  for (const item of items) {
    if (!item.point) continue;
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
}
