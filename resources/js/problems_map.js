// Maps of citizens' problems (Leaflet). Without a tile server (PROBLEMS_TILE_URL
// empty) or when tiles fail, the map still shows markers on a blank ground, and
// the report form's latitude/longitude inputs stay the source of truth.
import L from 'leaflet'
import { baseMap, REGION_CENTER, showViewport, untabbable } from './region_map.js'

// Public map: markers of the visible area, reloaded when the view moves.
for (const element of document.querySelectorAll('[data-problems-map]')) {
  const map = baseMap(element, REGION_CENTER, 8)
  showViewport(map, element, (problem) => {
    const marker = L.circleMarker([problem.lat, problem.lng], { radius: 8, color: problem.overdue ? '#b42318' : '#0b4f8a', weight: 2, fillOpacity: 0.6 })
    const popup = document.createElement('div')
    const link = document.createElement('a')
    link.href = `/problems/${problem.id}`
    link.textContent = `${problem.theme}: ${problem.address}`
    const status = document.createElement('p')
    status.textContent = problem.statusLabel
    popup.append(link, status)
    return marker.bindPopup(popup)
  })
}

// Report form: a click on the map sets the point; typed coordinates move the marker.
for (const element of document.querySelectorAll('[data-problem-picker]')) {
  const lat = document.getElementById(element.dataset.lat)
  const lng = document.getElementById(element.dataset.lng)
  const start = lat.value && lng.value ? [Number(lat.value), Number(lng.value)] : REGION_CENTER
  // the picker is a pointer shortcut for the coordinate inputs (hidden from assistive technology, not focusable)
  const map = baseMap(element, start, lat.value ? 16 : 8, { keyboard: false })
  // nor are its zoom buttons and attribution links: keyboard users type the coordinates
  untabbable(element)
  let marker = lat.value ? L.circleMarker(start, { radius: 9 }).addTo(map) : null
  const place = (point) => {
    if (marker) marker.setLatLng(point)
    else marker = L.circleMarker(point, { radius: 9 }).addTo(map)
  }
  map.on('click', (event) => {
    lat.value = event.latlng.lat.toFixed(6)
    lng.value = event.latlng.lng.toFixed(6)
    place(event.latlng)
    lat.dispatchEvent(new Event('change', { bubbles: true }))
  })
  for (const input of [lat, lng]) {
    input.addEventListener('change', () => {
      if (lat.value && lng.value && Number.isFinite(Number(lat.value)) && Number.isFinite(Number(lng.value))) {
        place([Number(lat.value), Number(lng.value)])
        map.setView([Number(lat.value), Number(lng.value)], Math.max(map.getZoom(), 16))
      }
    })
  }
}

// Report form: open problems of the same theme nearby, offered before a new
// report — title, photo, distance and status, and "me too" in one click.
for (const box of document.querySelectorAll('[data-nearby]')) {
  const form = box.closest('form')
  const theme = form.querySelector('[name=themeId]')
  const lat = form.querySelector('[name=lat]')
  const lng = form.querySelector('[name=lng]')
  const csrf = form.querySelector('[name=_csrf]')
  const list = box.querySelector('ul')
  const endorse = async (problem, button, count) => {
    button.disabled = true
    const response = await fetch(`/problems/${problem.id}/endorse`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf ? csrf.value : '' },
      body: new URLSearchParams({ _csrf: csrf ? csrf.value : '' }),
    })
    const answer = await response.json().catch(() => ({}))
    if (!response.ok) {
      button.disabled = false
      count.textContent = answer.error || response.statusText
      return
    }
    button.replaceWith(Object.assign(document.createElement('span'), { className: 'badge', textContent: box.dataset.endorsed }))
    count.textContent = `${box.dataset.endorsements}: ${answer.endorsementsCount}`
  }
  const check = async () => {
    if (!theme.value || !lat.value || !lng.value) return
    const params = new URLSearchParams({ themeId: theme.value, lat: lat.value, lng: lng.value })
    const response = await fetch(`/problems/nearby?${params}`, { headers: { accept: 'application/json' } })
    if (!response.ok) return
    const { data } = await response.json()
    list.replaceChildren(
      ...data.map((problem) => {
        const item = document.createElement('li')
        item.dataset.nearbyProblem = problem.id
        const thumb = problem.photoUrl ? Object.assign(document.createElement('img'), { src: problem.photoUrl, alt: '', width: 64, height: 48, loading: 'lazy' }) : document.createElement('span')
        thumb.className = 'problem-thumb'
        const text = document.createElement('div')
        const link = Object.assign(document.createElement('a'), { href: `/problems/${problem.id}`, textContent: problem.title })
        const facts = document.createElement('p')
        facts.className = 'muted'
        const status = Object.assign(document.createElement('span'), { className: `badge badge--problem-${problem.status}`, textContent: problem.statusLabel })
        const count = Object.assign(document.createElement('span'), { textContent: `${box.dataset.endorsements}: ${problem.endorsements_count}` })
        count.dataset.nearbyCount = ''
        facts.append(`${problem.distance} ${box.dataset.metres} · `, status, ' · ', count)
        text.append(link, facts)
        item.append(thumb, text)
        if (problem.endorsed) {
          item.append(Object.assign(document.createElement('span'), { className: 'badge', textContent: box.dataset.endorsed }))
        } else if (problem.canEndorse) {
          const button = Object.assign(document.createElement('button'), { type: 'button', className: 'button button--small', textContent: box.dataset.endorse })
          button.dataset.nearbyEndorse = problem.id
          button.addEventListener('click', () => endorse(problem, button, count))
          item.append(button)
        }
        return item
      })
    )
    box.hidden = data.length === 0
  }
  for (const input of [theme, lat, lng]) input.addEventListener('change', check)
  check()
}

// Report form: "use my location" fills the coordinates from the browser
// (progressive enhancement: the button appears only where geolocation exists).
for (const button of document.querySelectorAll('[data-use-location]')) {
  if (!('geolocation' in navigator)) continue
  const form = button.closest('form')
  const lat = form.querySelector('[name=lat]')
  const lng = form.querySelector('[name=lng]')
  const note = form.querySelector('[data-location-note]')
  button.hidden = false
  button.addEventListener('click', () => {
    button.disabled = true
    if (note) note.textContent = button.dataset.locating
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(6)
        lng.value = position.coords.longitude.toFixed(6)
        button.disabled = false
        if (note) note.textContent = ''
        lat.dispatchEvent(new Event('change', { bubbles: true }))
      },
      () => {
        button.disabled = false
        if (note) note.textContent = button.dataset.failed
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    )
  })
}
