// Suggestions' maps (Leaflet): the public map of points and routes, a route on
// a suggestion's page, and the submit form's route editor — clicks add the
// route's points to the GeoJSON textarea, which stays the source of truth
// (the server checks it; keyboard users and scripts type or paste it).
// The form also offers similar suggestions while the title is typed.
import L from 'leaflet'
import { baseMap, REGION_CENTER, showViewport, untabbable } from './region_map.js'

const toLatLngs = (coordinates) => coordinates.map(([lng, lat]) => [lat, lng])

// The public map: what the viewport holds, reloaded when it moves.
for (const element of document.querySelectorAll('[data-suggestions-map]')) {
  const map = baseMap(element, REGION_CENTER, 8)
  showViewport(map, element, (item) => {
    const shape =
      item.geometry.type === 'LineString'
        ? L.polyline(toLatLngs(item.geometry.coordinates), { color: '#0b4f8a', weight: 4 })
        : L.circleMarker([item.geometry.coordinates[1], item.geometry.coordinates[0]], { radius: 8, color: '#0b4f8a', weight: 2, fillOpacity: 0.6 })
    const link = Object.assign(document.createElement('a'), { href: `/suggestions/${item.id}`, textContent: item.title })
    return shape.bindPopup(link)
  })
}

// A suggestion's route (its page, the body's inbox).
for (const element of document.querySelectorAll('[data-suggestion-route]')) {
  const route = JSON.parse(element.dataset.suggestionRoute)
  const map = baseMap(element, REGION_CENTER, 8, { keyboard: false })
  // a picture for the eye: the points are listed beside it as text, so its controls stay out of the tab order
  untabbable(element)
  const line = L.polyline(toLatLngs(route.coordinates), { color: '#0b4f8a', weight: 5 }).addTo(map)
  map.fitBounds(line.getBounds(), { padding: [20, 20] })
}

// The submit form: a route (transport route) or one point (any other category).
for (const element of document.querySelectorAll('[data-route-editor]')) {
  const form = element.closest('form')
  const target = document.getElementById(element.dataset.target)
  const lat = document.getElementById(element.dataset.lat)
  const lng = document.getElementById(element.dataset.lng)
  const category = form.querySelector('[name=category]')
  const undo = form.querySelector('[data-route-undo]')
  const clear = form.querySelector('[data-route-clear]')
  const map = baseMap(element, REGION_CENTER, 8, { keyboard: false })
  untabbable(element)
  const line = L.polyline([], { color: '#0b4f8a', weight: 4 }).addTo(map)
  let point = null
  const isRoute = () => category.value === 'transport_route'
  const points = () => {
    try {
      const parsed = JSON.parse(target.value)
      return parsed && parsed.type === 'LineString' && Array.isArray(parsed.coordinates) ? parsed.coordinates : []
    } catch {
      return []
    }
  }
  const draw = () => {
    line.setLatLngs(toLatLngs(points().filter((pair) => Array.isArray(pair) && pair.length >= 2)))
    undo.hidden = clear.hidden = !isRoute() || points().length === 0
  }
  const write = (coordinates) => {
    target.value = coordinates.length ? JSON.stringify({ type: 'LineString', coordinates }) : ''
    draw()
  }
  map.on('click', (event) => {
    const pair = [Number(event.latlng.lng.toFixed(6)), Number(event.latlng.lat.toFixed(6))]
    if (isRoute()) return write([...points(), pair])
    lat.value = String(pair[1])
    lng.value = String(pair[0])
    if (point) point.setLatLng(event.latlng)
    else point = L.circleMarker(event.latlng, { radius: 9 }).addTo(map)
  })
  undo.addEventListener('click', () => write(points().slice(0, -1)))
  clear.addEventListener('click', () => write([]))
  target.addEventListener('input', draw)
  category.addEventListener('change', draw)
  draw()
}

// The submit form: similar public suggestions while the title is typed.
for (const box of document.querySelectorAll('[data-similar]')) {
  const form = box.closest('form')
  const title = form.querySelector('[name=title]')
  const category = form.querySelector('[name=category]')
  const municipality = form.querySelector('[name=municipalityCode]')
  const list = box.querySelector('ul')
  let timer = null
  const check = async () => {
    if (title.value.trim().length < 4) {
      box.hidden = true
      return
    }
    const params = new URLSearchParams({ title: title.value.trim() })
    if (category.value) params.set('category', category.value)
    if (municipality.value) params.set('municipalityCode', municipality.value)
    const response = await fetch(`/suggestions/similar?${params}`, { headers: { accept: 'application/json' } })
    if (!response.ok) return
    const { data } = await response.json()
    list.replaceChildren(
      ...data.map((item) => {
        const entry = document.createElement('li')
        entry.dataset.similarSuggestion = item.id
        entry.append(Object.assign(document.createElement('a'), { href: `/suggestions/${item.id}`, textContent: item.title }), ` — ${item.status}, ${box.dataset.supports}: ${item.supports}`)
        return entry
      })
    )
    box.hidden = data.length === 0
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(check, 400)
  }
  title.addEventListener('input', later)
  category.addEventListener('change', later)
  municipality.addEventListener('change', later)
}
