import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import env from '#start/env'
import type Tenant from '#tenancy/tenant'
import MediaFeed from '#modules/ratings/models/media_feed'
import { pullFeed } from '#modules/ratings/services/feed_fetcher'
import { isInternalAddress } from '#modules/ratings/services/feed_download'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'

const RSS = '<rss version="2.0"><channel><title>Лента</title><item><title>Новость</title><link>https://news.example/1</link></item></channel></rss>'

let server: Server
const hits: Record<string, number> = {}

function port() {
  return (server.address() as AddressInfo).port
}

/** Pulls a feed at `url` in the tenant; returns what the feed row keeps and whether the pull threw. */
async function pull(tenant: Tenant, url: string) {
  return inTenant(tenant, async () => {
    const feed = await MediaFeed.updateOrCreate({ url }, { title: url.slice(0, 100), outlet: 'Тест', topic: null, isActive: true, lastAdded: 0, lastError: null })
    const failed = await pullFeed(feed).then(
      () => false,
      () => true
    )
    await feed.refresh()
    return { failed, lastError: feed.lastError, lastAdded: feed.lastAdded }
  })
}

function allowing<T>(hosts: string | null, callback: () => Promise<T>) {
  if (hosts) env.set('MEDIA_FEED_ALLOW_HOSTS', hosts)
  return callback().finally(() => {
    env.set('MEDIA_FEED_ALLOW_HOSTS', undefined as any)
    delete process.env.MEDIA_FEED_ALLOW_HOSTS
  })
}

/**
 * A feed address is typed by a department's staff: it must not become a way
 * to make the server read its own network (loopback, private, link-local,
 * cloud metadata), directly, through DNS or through a redirect, and the
 * remote server's words never reach the page.
 */
test.group('Media | feeds reach only the outside world', (group) => {
  let tenant: Tenant
  group.setup(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/'
      hits[path] = (hits[path] ?? 0) + 1
      const hop = /^\/hop\/(\d+)$/.exec(path)
      if (hop) {
        const left = Number(hop[1])
        return response.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/rss.xml' }).end()
      }
      if (path === '/rss.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS)
      if (path === '/to-other-loopback') return response.writeHead(302, { location: `http://127.0.0.2:${port()}/secret.xml` }).end()
      if (path === '/secret.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS)
      if (path === '/page.html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Hello</body></html>')
      if (path === '/error') return response.writeHead(500, { 'content-type': 'text/plain' }).end('db password is hunter2')
      if (path === '/huge.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' })
        const chunk = Buffer.alloc(64 * 1024, 'a')
        let sent = 0
        const write = () => {
          while (sent < 6 * 1024 * 1024) {
            sent += chunk.length
            if (!response.write(chunk)) return response.once('drain', write)
          }
          response.end()
        }
        return write()
      }
      response.writeHead(404).end()
    })
    // every loopback address reaches the stub (127.0.0.2 too)
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
    tenant = await ensureTenant('sec_media_feeds')
    return () => new Promise<void>((resolve) => server.close(() => resolve()))
  })

  test('loopback, localhost and IPv6 loopback are not fetched unless listed', async ({ assert }) => {
    const before = hits['/rss.xml'] ?? 0
    for (const url of [`http://127.0.0.1:${port()}/rss.xml`, `http://localhost:${port()}/rss.xml`, `http://[::1]:${port()}/rss.xml`, `http://0x7f000001:${port()}/rss.xml`]) {
      const result = await allowing(null, () => pull(tenant, url))
      assert.isTrue(result.failed, url)
      assert.equal(result.lastError, 'unreachable', url)
    }
    assert.equal(hits['/rss.xml'] ?? 0, before, 'the stub was never contacted')
    const listed = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/rss.xml`))
    assert.isFalse(listed.failed)
    assert.equal(listed.lastAdded, 1)
  })

  test('private, link-local and metadata addresses count as internal', async ({ assert }) => {
    for (const address of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe']) {
      assert.isTrue(isInternalAddress(address), address)
    }
    for (const address of ['93.184.216.34', '2a00:1450:4010:c05::64']) {
      assert.isFalse(isInternalAddress(address), address)
    }
  })

  test('a redirect is checked again: a listed host cannot send the fetch to an unlisted internal one', async ({ assert }) => {
    const result = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/to-other-loopback`))
    assert.isTrue(result.failed)
    assert.equal(result.lastError, 'unreachable')
    assert.isUndefined(hits['/secret.xml'], 'the redirect target was never contacted')
  })

  test('at most 3 redirects are followed', async ({ assert }) => {
    const three = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/hop/2`))
    assert.isFalse(three.failed, '3 redirects are fine')
    const four = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/hop/3`))
    assert.isTrue(four.failed)
    assert.equal(four.lastError, 'unreachable')
  })

  test('a body past 5 MB is cut and refused; stored errors are generic, never the remote text', async ({ assert }) => {
    const huge = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/huge.xml`))
    assert.equal(huge.lastError, 'too_large')
    const page = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/page.html`))
    assert.equal(page.lastError, 'not_a_feed')
    const broken = await allowing('127.0.0.1', () => pull(tenant, `http://127.0.0.1:${port()}/error`))
    assert.equal(broken.lastError, 'unreachable')
  })
})
