// Progressive enhancement of the planner's week and day views: drag an entry
// onto another day to move it there (same time of day). Without JavaScript
// the edit form does the same.
const planner = document.querySelector('[data-planner]')

if (planner) {
  let dragged = null

  planner.addEventListener('dragstart', (event) => {
    const entry = event.target.closest?.('[data-item-id]')
    if (!entry) return
    dragged = entry
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', entry.dataset.itemId)
  })

  planner.addEventListener('dragover', (event) => {
    const day = event.target.closest?.('[data-date]')
    if (!dragged || !day) return
    event.preventDefault()
    planner.querySelectorAll('.is-drop-target').forEach((element) => element.classList.remove('is-drop-target'))
    day.classList.add('is-drop-target')
  })

  planner.addEventListener('drop', async (event) => {
    const day = event.target.closest?.('[data-date]')
    if (!dragged || !day) return
    event.preventDefault()
    const from = dragged.dataset.start // ISO in Moscow time, e.g. 2026-11-24T10:00:00.000+03:00
    const startsAt = day.dataset.date + from.slice(10)
    const body = new URLSearchParams({ _csrf: planner.dataset.csrf, startsAt, from })
    const response = await fetch(`/planner/items/${dragged.dataset.itemId}/move`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
      credentials: 'same-origin',
    })
    dragged = null
    if (response.ok) window.location.reload()
  })

  planner.addEventListener('dragend', () => {
    dragged = null
    planner.querySelectorAll('.is-drop-target').forEach((element) => element.classList.remove('is-drop-target'))
  })
}
