// The map view of an open dataset: the rows of the visible area from
// map.json, clustered (leaflet.markercluster); past the server's point limit
// the answer is a grid of counts, drawn as cluster-like markers that zoom in
// when clicked. Tiles from the configured URL, or a blank ground without one.
import L from './opendata_leaflet.js'
import 'leaflet.markercluster'

function countIcon(count) {
  const size = count < 100 ? 'small' : count < 1000 ? 'medium' : 'large'
  return L.divIcon({ html: `<div><span>${count}</span></div>`, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) })
}

const pointIcon = L.divIcon({ className: 'opendata-map__point', iconSize: L.point(14, 14) })

for (const element of document.querySelectorAll('[data-opendata-map]')) {
  const [south, west, north, east] = JSON.parse(element.dataset.bounds)
  // the cluster layer needs the map's zoom range, which a tile layer would otherwise give (there may be none)
  const map = L.map(element, { scrollWheelZoom: false, minZoom: 2, maxZoom: 18 })
  const url = element.dataset.tileUrl
  if (url) L.tileLayer(url, { maxZoom: 19, attribution: element.dataset.tileAttribution || '' }).addTo(map)
  else element.classList.add('opendata-map--blank')
  map.fitBounds(
    [
      [south, west],
      [north, east],
    ],
    { padding: [24, 24], maxZoom: 16 }
  )
  // grid cells from the server and single rows cluster together on screen; a cluster shows the rows it stands for
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => countIcon(cluster.getAllChildMarkers().reduce((sum, marker) => sum + (marker.options.count || 1), 0)),
  }).addTo(map)
  let request = 0
  const load = async () => {
    const mine = ++request
    const bounds = map.getBounds()
    const box = [Math.max(bounds.getSouth(), -90), Math.max(bounds.getWest(), -180), Math.min(bounds.getNorth(), 90), Math.min(bounds.getEast(), 180)]
    const source = new URL(element.dataset.source, window.location.href)
    source.searchParams.set('bbox', box.map((number) => number.toFixed(5)).join(','))
    const response = await fetch(source, { headers: { accept: 'application/json' } })
    if (!response.ok || mine !== request) return
    const collection = await response.json()
    clusters.clearLayers()
    const markers = []
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates
      const count = feature.properties.count
      if (count !== undefined) {
        const marker = L.marker([lat, lon], { icon: countIcon(count), count, title: element.dataset.labelRows.replace('#', count) })
        marker.on('click', () => map.setView([lat, lon], Math.min(map.getZoom() + 2, 18)))
        markers.push(marker)
        continue
      }
      const popup = document.createElement('div')
      const heading = document.createElement('a')
      heading.href = `${element.dataset.table}${element.dataset.table.includes('?') ? '&' : '?'}after=${btoa(JSON.stringify([null, feature.properties.row - 1])).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`
      heading.textContent = element.dataset.labelRow.replace('#', feature.properties.row)
      popup.append(heading)
      const list = document.createElement('dl')
      for (const field of feature.properties.fields) {
        const term = document.createElement('dt')
        term.textContent = field.label
        const value = document.createElement('dd')
        value.textContent = field.value
        list.append(term, value)
      }
      popup.append(list)
      markers.push(L.marker([lat, lon], { icon: pointIcon, title: heading.textContent }).bindPopup(popup))
    }
    clusters.addLayers(markers)
    element.dataset.loaded = String(collection.features.length)
    element.dataset.aggregated = String(collection.aggregated)
  }
  map.on('moveend', load)
  load()
}
