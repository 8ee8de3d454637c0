// A conversation page, live. New messages arrive over Server-Sent Events
// (@adonisjs/transmit: the server announces only ids on the conversation's
// channel, and the page fetches what its reader may see from the messages
// JSON); where SSE is unavailable or refused, the same JSON is polled. Seen
// messages are marked read, and the header's unread badge follows.
// Message text is only ever inserted as text nodes; a link's text is its own address.
import { Transmit } from '@adonisjs/transmit-client'

const page = document.querySelector('[data-conversation-page]')
const POLL_MS = 5000

if (page) {
  const conversationId = page.dataset.conversationId
  const list = page.querySelector('[data-messages]')
  const csrf = page.dataset.csrf
  let lastId = Number(page.dataset.lastId) || 0
  let lastRead = Number(page.dataset.lastRead) || 0
  let polling = null
  let fetching = null
  let again = false

  const headers = { accept: 'application/json' }

  /** The header's "Messages" badge: created, changed or removed to show `count`. */
  const updateBadge = (count) => {
    const link = document.querySelector('.site-header a[href="/messages"]')
    if (!link) return
    let badge = link.querySelector('[data-nav-badge]')
    let label = link.querySelector('.visually-hidden')
    if (!count) {
      badge?.remove()
      label?.remove()
      return
    }
    if (!badge) {
      badge = document.createElement('span')
      badge.className = 'nav__badge'
      badge.setAttribute('aria-hidden', 'true')
      badge.dataset.navBadge = ''
      link.append(' ', badge)
    }
    if (!label) {
      label = document.createElement('span')
      label.className = 'visually-hidden'
      link.append(' ', label)
    }
    badge.textContent = count >= 100 ? '99+' : String(count)
    label.textContent = `(${page.dataset.labelUnread.replace('{count}', String(count))})`
  }

  const showReadMarks = (readUpTo) => {
    for (const mark of list.querySelectorAll('[data-read-mark]')) {
      const id = Number(mark.closest('[data-message]')?.dataset.message)
      mark.hidden = !(id <= readUpTo)
    }
  }

  const markRead = async () => {
    if (document.visibilityState !== 'visible' || lastId <= lastRead) return
    const upTo = lastId
    const response = await fetch(`/messages/${conversationId}/read`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
      body: new URLSearchParams({ upTo: String(upTo) }),
      credentials: 'same-origin',
    })
    if (!response.ok) return
    lastRead = Math.max(lastRead, upTo)
    updateBadge((await response.json()).unreadTotal)
  }

  const renderMessage = (message) => {
    const item = document.createElement('li')
    item.className = `message${message.mine ? ' message--mine' : ''}`
    item.id = `message-${message.id}`
    item.dataset.message = String(message.id)
    const meta = document.createElement('p')
    meta.className = 'message__meta'
    const author = document.createElement(message.authorUrl ? 'a' : 'span')
    if (message.authorUrl) author.href = message.authorUrl
    author.textContent = message.author
    const time = document.createElement('span')
    time.className = 'muted'
    time.textContent = ` · ${message.createdAt}`
    meta.append(author, time)
    if (message.mine) {
      const mark = document.createElement('span')
      mark.className = 'message__read muted'
      mark.dataset.readMark = ''
      mark.hidden = true
      mark.textContent = ` · ${page.dataset.labelRead}`
      meta.append(mark)
    }
    const body = document.createElement('p')
    body.className = 'message__body'
    for (const segment of message.segments) {
      if (segment.url) {
        const link = document.createElement('a')
        link.href = segment.url
        link.rel = 'nofollow noopener noreferrer ugc'
        link.target = '_blank'
        link.textContent = segment.url
        body.append(link)
      } else {
        body.append(document.createTextNode(segment.text))
      }
    }
    item.append(meta, body)
    if (message.attachments.length) {
      const files = document.createElement('ul')
      files.className = 'message__attachments'
      for (const file of message.attachments) {
        const entry = document.createElement('li')
        const link = document.createElement('a')
        link.href = file.url
        if (file.kind === 'image') {
          const image = document.createElement('img')
          image.src = file.url
          image.alt = file.name
          image.className = 'message__photo'
          image.loading = 'lazy'
          if (file.width) image.width = file.width
          if (file.height) image.height = file.height
          link.append(image)
        } else {
          link.textContent = page.dataset.labelPdf.replace('{name}', file.name)
        }
        entry.append(link)
        files.append(entry)
      }
      item.append(files)
    }
    return item
  }

  /** Everything after the newest message shown; one request at a time, one more if asked meanwhile. */
  const fetchNew = async () => {
    if (fetching) {
      again = true
      return fetching
    }
    fetching = (async () => {
      try {
        const response = await fetch(`/messages/${conversationId}/messages.json?after=${lastId}`, { headers, credentials: 'same-origin' })
        if (!response.ok) return
        const data = await response.json()
        for (const message of data.messages) {
          if (message.id <= lastId || document.getElementById(`message-${message.id}`)) continue
          list.append(renderMessage(message))
          lastId = message.id
        }
        page.querySelector('[data-no-messages]')?.remove()
        showReadMarks(data.readUpTo)
        updateBadge(data.unreadTotal)
        await markRead()
      } catch {
        // offline for a moment: the next event or poll catches up
      } finally {
        fetching = null
      }
    })()
    await fetching
    if (again) {
      again = false
      await fetchNew()
    }
  }

  const startPolling = () => {
    if (polling) return
    page.dataset.live = 'polling'
    polling = setInterval(fetchNew, POLL_MS)
  }

  const startLive = async () => {
    if (typeof EventSource === 'undefined') return startPolling()
    const transmit = new Transmit({
      baseUrl: window.location.origin,
      maxReconnectAttempts: 5,
      beforeSubscribe: (request) => request.headers.set('x-csrf-token', csrf),
      beforeUnsubscribe: (request) => request.headers.set('x-csrf-token', csrf),
      onReconnectFailed: startPolling,
      onSubscribeFailed: startPolling,
      // subscribed (again, after a reconnect): catch up with what came meanwhile
      onSubscription: () => {
        page.dataset.live = 'sse'
        void fetchNew()
      },
    })
    const subscription = transmit.subscription(page.dataset.channel)
    subscription.onMessage(() => void fetchNew())
    await subscription.create()
    window.addEventListener('pagehide', () => transmit.close())
  }

  document.addEventListener('visibilitychange', () => void markRead())
  list.lastElementChild?.scrollIntoView({ block: 'end' })
  void markRead()
  startLive().catch(startPolling)
}
