// The map of the 44 municipalities for a sealed quarter: a circle at each
// municipality's centre, sized by the share of its residents' votes that its
// leading priority took and coloured by that priority. The same figures are
// in the table under the map (the map adds nothing a screen reader misses).
import L from 'leaflet'

const PALETTE = ['#1b6ac9', '#c0392b', '#27825b', '#8e44ad', '#d35400', '#16748a', '#7f6a00', '#b03a7a']

for (const element of document.querySelectorAll('[data-priorities-map]')) {
  const points = JSON.parse(element.dataset.points)
  const map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 12 })
  const url = element.dataset.tileUrl
  if (url) L.tileLayer(url, { maxZoom: 19, attribution: element.dataset.tileAttribution || '' }).addTo(map)
  else element.classList.add('priorities-map--blank')
  const colours = new Map()
  const bounds = []
  for (const point of points) {
    if (point.leaderId !== null && !colours.has(point.leaderId)) colours.set(point.leaderId, PALETTE[colours.size % PALETTE.length])
    const colour = point.leaderId === null ? '#8a8a8a' : colours.get(point.leaderId)
    const marker = L.circleMarker([point.lat, point.lon], {
      radius: 5 + Math.round(20 * point.share),
      color: colour,
      fillColor: colour,
      fillOpacity: 0.55,
      weight: 1,
    }).addTo(map)
    marker.bindTooltip(`${point.name}: ${point.leader || '—'} (${Math.round(point.share * 100)} %)`)
    marker.on('click', () => (window.location.href = point.href))
    bounds.push([point.lat, point.lon])
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20] })
  else map.setView([45.0, 39.0], 7)
}
