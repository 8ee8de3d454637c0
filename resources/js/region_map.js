// What the region's Leaflet maps share (problems, suggestions): the base map
// with the configured tiles — or a blank ground without a tile server — and
// the public map's loader of what the viewport holds. Imported by the pages'
// entries (Vite bundles it into a shared chunk); not an entry itself.
import L from 'leaflet'

export const REGION_CENTER = [45.0355, 38.9753]

export function baseMap(element, center, zoom, options = {}) {
  const map = L.map(element, { center, zoom, scrollWheelZoom: false, ...options })
  const url = element.dataset.tileUrl
  if (url) L.tileLayer(url, { maxZoom: 19, attribution: element.dataset.tileAttribution || '' }).addTo(map)
  else element.classList.add('problems-map--blank')
  return map
}

// A pointer-only map (its data is typed or listed beside it as text): its zoom buttons and attribution links stay out of the tab order.
export function untabbable(element) {
  for (const focusable of element.querySelectorAll('a, button, [tabindex]')) focusable.setAttribute('tabindex', '-1')
}

// The public map: asks `data-source` (with the filters of `data-query`) for the visible area's items,
// again whenever the view moves; `draw(item)` gives each item's layer.
export function showViewport(map, element, draw) {
  const layer = L.layerGroup().addTo(map)
  const filters = JSON.parse(element.dataset.query || '{}')
  const load = async () => {
    const bounds = map.getBounds()
    const params = new URLSearchParams({ ...filters, bbox: [bounds.getSouth(), bounds.getWest(), bounds.getNorth(), bounds.getEast()].map((n) => n.toFixed(5)).join(',') })
    for (const [key, value] of [...params]) if (value === '') params.delete(key)
    const response = await fetch(`${element.dataset.source}?${params}`, { headers: { accept: 'application/json' } })
    if (!response.ok) return
    const { data } = await response.json()
    layer.clearLayers()
    for (const item of data) draw(item).addTo(layer)
  }
  map.on('moveend', load)
  load()
}
