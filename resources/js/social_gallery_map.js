// A gallery's photos on the map: a marker at each photo's place, its thumbnail and caption in the popup.
// The same places are written under each photo (the map adds nothing a screen reader misses).
import L from 'leaflet'

for (const element of document.querySelectorAll('[data-gallery-map]')) {
  const points = JSON.parse(element.dataset.points)
  const map = L.map(element, { scrollWheelZoom: false, maxZoom: 18 })
  const url = element.dataset.tileUrl
  if (url) L.tileLayer(url, { maxZoom: 19, attribution: element.dataset.tileAttribution || '' }).addTo(map)
  else element.classList.add('problems-map--blank')
  const bounds = []
  for (const point of points) {
    const popup = document.createElement('figure')
    const image = document.createElement('img')
    image.src = point.thumb
    image.alt = point.caption || ''
    image.width = 160
    popup.append(image)
    if (point.caption) {
      const caption = document.createElement('figcaption')
      caption.textContent = point.caption
      popup.append(caption)
    }
    L.circleMarker([point.lat, point.lon], { radius: 8, color: '#0b4f8a', fillOpacity: 0.6 }).addTo(map).bindPopup(popup)
    bounds.push([point.lat, point.lon])
  }
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20] })
  else if (bounds.length) map.setView(bounds[0], 14)
}
