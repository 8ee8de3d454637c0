// Krai service worker, served from /sw.js of each tenant host (scope "/").
// The server fills in the two constants below.
//
// - Pages listed in PAGE_PREFIXES are network-first: each successful visit
//   refreshes the copy, which is shown when the network is gone.
// - Anything else offline shows /offline.
// - Static assets (CSS, JS, icons) are cached as they are used.
// - A form POST to those pages that fails for lack of network is kept in
//   IndexedDB and replayed when the connection returns ("online" in a page,
//   or Background Sync), each time with a fresh CSRF token read from the
//   page the form came from.
const VERSION = '__VERSION__'
const PAGE_PREFIXES = __PAGE_PREFIXES__

const PAGES = `krai-pages-${VERSION}`
const ASSETS = `krai-assets-${VERSION}`
const OFFLINE_URL = '/offline'
const PRECACHE = [OFFLINE_URL, '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png']
const DB_NAME = 'krai-offline'
const STORE = 'requests'
const SYNC_TAG = 'krai-replay'

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting())
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('krai-') && ![PAGES, ASSETS].includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  )
})

const isPage = (url) => PAGE_PREFIXES.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
const isAsset = (url) => /^\/(assets|resources|icons|@vite|@fs|node_modules)\//.test(url.pathname) || url.pathname === '/manifest.webmanifest'

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return

  if (request.method === 'POST') {
    // Signing out must not leave the person's pages readable offline.
    if (url.pathname === '/logout') {
      event.respondWith(caches.delete(PAGES).then(() => fetch(request)))
      return
    }
    if (isPage(url) && isQueueable(request)) event.respondWith(postOrQueue(event))
    return
  }
  if (request.method !== 'GET') return
  if (request.mode === 'navigate') {
    event.respondWith(isPage(url) ? networkFirst(request) : fetch(request).catch(() => offlinePage()))
    return
  }
  if (isAsset(url)) event.respondWith(staleWhileRevalidate(request))
})

async function offlinePage() {
  return (await caches.match(OFFLINE_URL)) || new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES)
  try {
    const response = await fetch(request)
    const url = new URL(response.url || request.url)
    if (response.ok && !response.redirected && (response.headers.get('content-type') || '').includes('text/html')) {
      await cache.put(request, response.clone())
    } else if (response.redirected && url.pathname === '/login') {
      // the session ended: what was cached belongs to it
      await caches.delete(PAGES)
    }
    return response
  } catch {
    return (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true })) || offlinePage()
  }
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(ASSETS)
  const cached = await cache.match(request)
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone())
      return response
    })
    .catch(() => cached || Response.error())
  return cached || fresh
}

// ---- offline queue -------------------------------------------------------

function isQueueable(request) {
  return (request.headers.get('content-type') || '').startsWith('application/x-www-form-urlencoded')
}

function openDb() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1)
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true })
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
}

async function withStore(mode, work) {
  const db = await openDb()
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode)
    const result = work(transaction.objectStore(STORE))
    transaction.oncomplete = () => resolve(result.result)
    transaction.onerror = () => reject(transaction.error)
  })
}

const queued = () => withStore('readonly', (store) => store.getAll())
const queuedCount = () => withStore('readonly', (store) => store.count())

async function tellClients(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(message)
}

async function postOrQueue(event) {
  const request = event.request
  const body = await request.clone().text()
  try {
    return await fetch(request)
  } catch {
    const referrer = request.referrer && new URL(request.referrer).origin === self.location.origin ? request.referrer : new URL(request.url).origin + '/orders'
    await withStore('readwrite', (store) => store.add({ url: request.url, body, referrer, queuedAt: Date.now() }))
    if (self.registration.sync) await self.registration.sync.register(SYNC_TAG).catch(() => {})
    await tellClients({ type: 'queue', count: await queuedCount() })
    // back to the page the form was on, which the cache can show
    return Response.redirect(referrer, 303)
  }
}

/** Caches one asset of the app shell, asked for with the page's own Accept. */
async function cacheAsset(cache, { url, accept }) {
  if (await cache.match(url)) return
  try {
    const response = await fetch(url, { headers: { accept: accept || '*/*' }, credentials: 'same-origin' })
    if (response.ok) await cache.put(url, response)
  } catch {}
}

let replaying = null

/** Sends the queued changes in order; stops at the first network failure. */
function replay() {
  replaying ||= (async () => {
    let sent = 0
    let signedOut = false
    try {
      for (const item of await queued()) {
        let page
        try {
          page = await fetch(item.referrer, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        } catch {
          break
        }
        if (page.redirected && new URL(page.url).pathname === '/login') {
          signedOut = true
          break
        }
        const token = (await page.text()).match(/name='_csrf' value='([^']+)'/)?.[1]
        const body = new URLSearchParams(item.body)
        if (token) body.set('_csrf', token)
        try {
          await fetch(item.url, {
            method: 'POST',
            body,
            credentials: 'same-origin',
            redirect: 'manual',
            referrer: item.referrer,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        } catch {
          break
        }
        // answered: applied, or refused with a message the next page shows
        await withStore('readwrite', (store) => store.delete(item.id))
        sent++
      }
    } finally {
      replaying = null
    }
    const count = await queuedCount()
    await tellClients({ type: 'queue', count, sent, signedOut })
    return count
  })()
  return replaying
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(replay())
})

self.addEventListener('message', (event) => {
  const data = event.data || {}
  if (data.type === 'replay') event.waitUntil(replay())
  if (data.type === 'cache-shell' && Array.isArray(data.assets)) {
    const assets = data.assets.filter(({ url }) => {
      const parsed = new URL(url, self.location.origin)
      return parsed.origin === self.location.origin && isAsset(parsed)
    })
    event.waitUntil(caches.open(ASSETS).then((cache) => Promise.all(assets.map((asset) => cacheAsset(cache, asset)))))
  }
})
