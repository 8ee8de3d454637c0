// Progressive enhancement of the planner. Without JavaScript the edit form
// does everything below.
//
// Week and day views (a time grid): drag an entry to another time or day;
// the block's top lands where it is dropped (in 15-minute steps), an
// all-day row keeps the time of day. A repeating entry first asks which
// occurrences move: only this one, this and the following ones, or all.
//
// The form: the repeat picker shows only the fields of the chosen
// frequency, and names the monthly choices after the start date.
const planner = document.querySelector('[data-planner]')
const SNAP_MINUTES = 15

/** Asks which occurrences of a series a change is for: 'this', 'following', 'all', or null (cancelled). */
function askScope() {
  const dialog = document.querySelector('[data-scope-dialog]')
  if (!dialog?.showModal) return Promise.resolve('all')
  return new Promise((resolve) => {
    dialog.returnValue = ''
    dialog.addEventListener('close', () => resolve(['this', 'following', 'all'].includes(dialog.returnValue) ? dialog.returnValue : null), { once: true })
    dialog.showModal()
  })
}

/** "2026-11-24T10:15" + the offset of the dragged start. */
function wallClock(date, minutes, offset) {
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0')
  return `${date}T${hours}:${String(minutes % 60).padStart(2, '0')}:00.000${offset}`
}

if (planner) {
  let dragged = null
  let grabOffset = 0

  const clearTargets = () => planner.querySelectorAll('.is-drop-target').forEach((element) => element.classList.remove('is-drop-target'))

  planner.addEventListener('dragstart', (event) => {
    const entry = event.target.closest?.('[data-item-id]')
    if (!entry) return
    dragged = entry
    grabOffset = event.clientY - entry.getBoundingClientRect().top
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', entry.dataset.itemId)
  })

  planner.addEventListener('dragover', (event) => {
    const day = event.target.closest?.('[data-date]')
    if (!dragged || !day) return
    event.preventDefault()
    clearTargets()
    day.classList.add('is-drop-target')
  })

  planner.addEventListener('drop', async (event) => {
    const day = event.target.closest?.('[data-date]')
    if (!dragged || !day) return
    event.preventDefault()
    clearTargets()
    const entry = dragged
    dragged = null
    const from = entry.dataset.start // ISO in Moscow time, e.g. 2026-11-24T10:00:00.000+03:00
    let startsAt = day.dataset.date + from.slice(10)
    if ('timed' in day.dataset && !entry.dataset.allDay) {
      // where the block's top lands on the hour grid
      const box = day.getBoundingClientRect()
      const total = Number(planner.dataset.minutes)
      const first = Number(planner.dataset.startHour) * 60
      const raw = first + ((event.clientY - grabOffset - box.top) / box.height) * total
      const minutes = Math.min(24 * 60 - SNAP_MINUTES, Math.max(0, Math.round(raw / SNAP_MINUTES) * SNAP_MINUTES))
      startsAt = wallClock(day.dataset.date, minutes, from.slice(23))
    }
    if (startsAt.slice(0, 16) === from.slice(0, 16)) return
    const fields = { _csrf: planner.dataset.csrf, startsAt, from }
    if (entry.dataset.recurring) {
      const scope = await askScope()
      if (!scope) return
      fields.scope = scope
    }
    const response = await fetch(`/planner/items/${entry.dataset.itemId}/move`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      credentials: 'same-origin',
    })
    if (response.ok) window.location.reload()
  })

  planner.addEventListener('dragend', () => {
    dragged = null
    clearTargets()
  })
}

const repeat = document.querySelector('[data-repeat]')

if (repeat) {
  const select = repeat.querySelector('select[name="repeat"]')
  const form = repeat.closest('form')
  const start = form?.querySelector('input[name="startsAt"]')
  const ordinals = JSON.parse(repeat.dataset.ordinals)
  const weekdays = JSON.parse(repeat.dataset.weekdays)

  const show = () => {
    for (const part of repeat.querySelectorAll('[data-repeat-when]')) {
      part.hidden = !part.dataset.repeatWhen.split(' ').includes(select.value)
    }
  }

  // "on the 17th" and "on the second Tuesday" of the chosen start
  const name = () => {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(start?.value ?? '')
    if (!match) return
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    const day = date.getUTCDate()
    const nth = Math.ceil(day / 7)
    const weekday = (date.getUTCDay() + 6) % 7
    const dayLabel = repeat.querySelector('[data-monthly-date]')
    const weekdayLabel = repeat.querySelector('[data-monthly-weekday]')
    if (dayLabel) dayLabel.textContent = repeat.dataset.dayLabel.replace('#', String(day))
    if (weekdayLabel) weekdayLabel.textContent = `${nth === 5 ? ordinals[4] : ordinals[nth - 1]} ${weekdays[weekday]}`
  }

  select.addEventListener('change', show)
  start?.addEventListener('change', name)
  show()
}
