// Leaflet as the global `L`: leaflet.markercluster extends the global when it
// loads, so this module is imported before it.
import L from 'leaflet'

window.L = L
export default L
