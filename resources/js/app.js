// Progressive enhancement only: every page works without JavaScript.
// Escape closes an open group of links, else the mobile menu, and returns focus to its toggle.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return
  const open = document.querySelector('details[data-submenu][open]') || document.querySelector('details.menu[open]')
  if (!open) return
  open.removeAttribute('open')
  open.querySelector('summary')?.focus()
})

// A form with data-confirm asks before it is sent (removals); without JavaScript it is sent at once.
document.addEventListener('submit', (event) => {
  const question = event.target instanceof HTMLFormElement ? event.target.dataset.confirm : undefined
  if (question && !window.confirm(question)) event.preventDefault()
})

// One group of links open at a time; a click elsewhere closes it.
const submenus = [...document.querySelectorAll('details[data-submenu]')]
for (const submenu of submenus) {
  submenu.addEventListener('toggle', () => {
    if (submenu.open) for (const other of submenus) if (other !== submenu) other.open = false
  })
}
document.addEventListener('click', (event) => {
  for (const submenu of submenus) if (submenu.open && !submenu.contains(event.target)) submenu.open = false
})

// On wide screens the menu is always open (the toggle is hidden by CSS).
const menu = document.querySelector('details.menu')
const wide = window.matchMedia('(min-width: 56rem)')
const syncMenu = () => {
  if (menu && wide.matches) menu.open = true
}
syncMenu()
wide.addEventListener('change', syncMenu)

// A page that shows work in progress (e.g. reports being generated) reloads
// itself every few seconds until the work is done; the page says so.
const reloading = document.querySelector('[data-reload-seconds]')
if (reloading) setTimeout(() => window.location.reload(), Number(reloading.dataset.reloadSeconds) * 1000)

// Installable app and offline work (resources/pwa/sw.js): register the
// service worker, hand it the assets of this page as the app shell, and
// show a banner while offline or while changes wait in the queue.
const banner = document.querySelector('[data-offline-banner]')
if ('serviceWorker' in navigator && banner) {
  let queuedChanges = 0
  let note = null

  const show = () => {
    const label = (name) => banner.dataset[name].replace('{count}', String(queuedChanges))
    let text = ''
    if (note) text = note
    else if (!navigator.onLine) text = queuedChanges ? label('labelQueued') : label('labelOffline')
    else if (queuedChanges) text = label('labelSending')
    banner.textContent = text
    banner.hidden = !text
  }

  const countQueued = () =>
    new Promise((resolve) => {
      const open = indexedDB.open('krai-offline', 1)
      open.onupgradeneeded = () => open.result.createObjectStore('requests', { keyPath: 'id', autoIncrement: true })
      open.onerror = () => resolve(0)
      open.onsuccess = () => {
        const request = open.result.transaction('requests', 'readonly').objectStore('requests').count()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => resolve(0)
      }
    })

  const replay = async () => {
    const registration = await navigator.serviceWorker.ready
    registration.active?.postMessage({ type: 'replay' })
  }

  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type !== 'queue') return
    queuedChanges = event.data.count
    note = event.data.signedOut
      ? banner.dataset.labelSignedOut.replace('{count}', String(queuedChanges))
      : event.data.sent && !queuedChanges
        ? banner.dataset.labelSent.replace('{count}', String(event.data.sent))
        : null
    show()
  })
  window.addEventListener('online', () => {
    note = null
    show()
    replay()
  })
  window.addEventListener('offline', () => {
    note = null
    show()
  })

  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(async () => {
      const registration = await navigator.serviceWorker.ready
      // stylesheets are asked for as CSS: a dev server answers a plain request with a JS module
      const shell = [...document.querySelectorAll('link[rel=stylesheet][href], script[src], link[rel=icon][href], link[rel=manifest][href]')].map(
        (element) => ({ url: element.href || element.src, accept: element.rel === 'stylesheet' ? 'text/css,*/*;q=0.1' : '*/*' })
      )
      registration.active?.postMessage({ type: 'cache-shell', assets: shell })
      queuedChanges = await countQueued()
      show()
      if (navigator.onLine && queuedChanges) replay()
    })
    .catch(() => {})
  show()
}
