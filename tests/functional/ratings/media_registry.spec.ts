import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type Bull from 'bull'
import type { ApiClient } from '@japa/api-client'
import env from '#start/env'
import { queueService } from '#queue/queue_service'
import type { JobEnvelope } from '#queue/job'
import { schedules } from '#start/jobs'
import { tenantDb } from '#tenancy/tenant_model'
import MediaFeed from '#modules/ratings/models/media_feed'
import PullMediaFeedsJob from '#modules/ratings/jobs/pull_media_feeds_job'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom, signIn, submitForm } from '#tests/helpers/http'
import { xlsxRows } from '#tests/helpers/documents'

let office: OrdersOffice
let server: Server
const feedState = { broken: false, flakyHits: 0 }

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Кубань 24</title>
  <item><title>Открыт новый мост через Кубань</title><link>https://kuban24.example/news/bridge</link><pubDate>Mon, 02 Jun 2025 09:00:00 +0300</pubDate></item>
  <item><title><![CDATA[Школы готовы к 1 сентября]]></title><link>/news/schools</link><pubDate>Tue, 03 Jun 2025 10:00:00 MSK</pubDate></item>
</channel></rss>`

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Юг Times</title>
  <entry><title>Паводок: подтоплены дороги</title><link rel="alternate" href="https://yug.example/flood"/><id>urn:yug:1</id><updated>2025-06-04T08:00:00+03:00</updated></entry>
  <entry><title>Дубль новости о мосте</title><link href="https://kuban24.example/news/bridge"/><id>urn:yug:2</id><published>2025-06-02T12:00:00Z</published></entry>
</feed>`

function feedUrl(path: string) {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
}

async function settled(job: Bull.Job<JobEnvelope>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const found = await queueService.queue.getJob(job.id)
    const state = (await found?.getState()) ?? 'missing'
    if (state === 'completed' || state === 'failed') return { state, job: (await queueService.queue.getJob(job.id))! }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`job ${job.id} did not settle`)
}

const itemCount = () => inOffice(office, async () => Number((await tenantDb().from('media_items').count('* as n').first()).n))

async function upload(client: ApiClient, cookie: string, file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const page = await client.get('/media/entry').header('host', office.host).withCookie(SESSION_COOKIE, cookie)
  let request = client.post('/media/import').header('host', office.host).header('referer', `http://${office.host}/media/entry`).withCookie(SESSION_COOKIE, cookie).field('_csrf', csrfTokenFrom(page.text()))
  for (const [key, value] of Object.entries(fields)) request = request.field(key, value)
  const posted = await request.file('file', file, { filename }).redirects(0)
  return client.get('/media/entry').header('host', office.host).withCookie(SESSION_COOKIE, cookie).then((response) => (posted.status() === 302 ? response : posted))
}

test.group('Media | feeds, imports, trends', (group) => {
  group.setup(async () => {
    server = createServer((request, response) => {
      if (request.url === '/rss.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS)
      if (request.url === '/atom.xml') return response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM)
      if (request.url === '/flaky.xml') {
        feedState.flakyHits++
        if (feedState.broken) return response.writeHead(200, { 'content-type': 'text/xml' }).end('<rss><channel><item><title>Обрыв</channel>')
        return response.writeHead(200, { 'content-type': 'text/xml' }).end('<rss version="2.0"><channel><item><title>Восстановлено</title><link>https://flaky.example/1</link></item></channel></rss>')
      }
      response.writeHead(404).end('not found')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    // the stub feeds live on loopback, which feeds may only reach when listed
    env.set('MEDIA_FEED_ALLOW_HOSTS', '127.0.0.1')
    office = await ordersOffice('media_web')
    return async () => {
      env.set('MEDIA_FEED_ALLOW_HOSTS', undefined as any)
      delete process.env.MEDIA_FEED_ALLOW_HOSTS
      await queueService.close()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  test('the pull is a repeatable per-tenant job', async ({ assert }) => {
    assert.deepInclude(schedules, { job: 'ratings.pull_media_feeds', cron: '*/30 * * * *', perTenant: true })
  })

  test('RSS and Atom feeds: items added, duplicate URLs ignored, a second run adds nothing', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const created = await submitForm(client, office.host, session, '/media/feeds', '/media/feeds', { title: 'Кубань 24', url: feedUrl('/rss.xml'), outlet: 'Кубань 24', topic: 'Инфраструктура' })
    created.assertTextIncludes('Лента подключена')
    await submitForm(client, office.host, session, '/media/feeds', '/media/feeds', { title: 'Юг Times', url: feedUrl('/atom.xml'), outlet: 'Юг Times' })
    const duplicateFeed = await submitForm(client, office.host, session, '/media/feeds', '/media/feeds', { title: 'Снова', url: feedUrl('/atom.xml'), outlet: 'Юг Times' })
    duplicateFeed.assertTextIncludes('Такая лента уже подключена')

    const first = await inOffice(office, () => new PullMediaFeedsJob().handle({}))
    assert.deepEqual(first, { feeds: 2, added: 3 })
    const second = await inOffice(office, () => new PullMediaFeedsJob().handle({}))
    assert.deepEqual(second, { feeds: 2, added: 0 })
    assert.equal(await itemCount(), 3)
    const items = await inOffice(office, () => tenantDb().from('media_items').orderBy('url').select('url', 'outlet', 'topic', 'source', 'published_at'))
    // a relative link is resolved against the feed's address
    assert.deepEqual(items.map((item: any) => item.url), [feedUrl('/news/schools'), 'https://kuban24.example/news/bridge', 'https://yug.example/flood'])
    assert.equal(items[0].topic, 'Инфраструктура')
    assert.equal(items[0].source, 'feed')
    assert.equal(new Date(items[0].published_at).toISOString(), '2025-06-03T07:00:00.000Z')
    const feeds = await client.get('/media/feeds').header('host', office.host).withCookie(SESSION_COOKIE, session)
    feeds.assertTextIncludes('добавлено: 0')
  })

  test('a broken feed records its error and is retried by the queue; fixed, it recovers', async ({ assert }) => {
    // jobs queued by earlier files are not this test's business
    await queueService.queue.empty()
    queueService.process(1)
    feedState.broken = true
    const feed = await inOffice(office, () => MediaFeed.create({ title: 'Нестабильная', url: feedUrl('/flaky.xml'), outlet: 'Flaky', topic: null, isActive: true, lastAdded: 0 }))
    const before = feedState.flakyHits
    const job = await queueService.dispatch(PullMediaFeedsJob.jobName, { feedId: feed.id }, { tenant: office.tenant.slug, attempts: 3, backoff: { type: 'fixed', delay: 100 } })
    const result = await settled(job)
    assert.equal(result.state, 'failed')
    assert.equal(result.job.attemptsMade, 3)
    assert.equal(feedState.flakyHits - before, 3, 'each attempt fetched the feed again')
    const failed = await inOffice(office, () => MediaFeed.findOrFail(feed.id))
    assert.equal(failed.lastError, 'not_a_feed')
    assert.isNotNull(failed.lastErrorAt)

    feedState.broken = false
    const retry = await queueService.dispatch(PullMediaFeedsJob.jobName, { feedId: feed.id }, { tenant: office.tenant.slug, attempts: 3, backoff: { type: 'fixed', delay: 100 } })
    assert.equal((await settled(retry)).state, 'completed')
    const recovered = await inOffice(office, () => MediaFeed.findOrFail(feed.id))
    assert.isNull(recovered.lastError)
    assert.equal(recovered.lastAdded, 1)
  })

  test('CSV import: bad rows reported, nothing applied; valid rows on request; known URLs skipped', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const before = await itemCount()
    const csv = Buffer.from(
      'Издание;Дата;Заголовок;Ссылка;Тема;Тональность;Подразделения\n' +
        'Российская газета;2025-05-10;Дороги края отремонтированы;https://rg.example/roads;Дороги;позитивная;roads\n' +
        'Коммерсантъ;10.05.2025;Проблемы в больницах;https://kom.example/health;Здравоохранение;негативная;"health, roads"\n' +
        'Блог;вчера;Х;не-ссылка;;злая;\n' +
        'Кубань 24;2025-06-02;Мост;https://kuban24.example/news/bridge;;;nobody\n' +
        'Кубань 24;2025-06-02;Мост снова;https://kuban24.example/news/bridge;;нейтральная;\n',
      'utf8'
    )
    const rejected = await upload(client, session!, csv, 'media.csv')
    rejected.assertTextIncludes('Ничего не загружено')
    rejected.assertTextIncludes('Строка 4')
    rejected.assertTextIncludes('Укажите дату в формате ГГГГ-ММ-ДД')
    rejected.assertTextIncludes('Выберите значение поля «Тональность» из списка')
    rejected.assertTextIncludes('Строка 5')
    rejected.assertTextIncludes('Подразделения с кодом «nobody» нет')
    assert.equal(await itemCount(), before)

    const partial = await upload(client, session!, csv, 'media.csv', { validOnly: 'true' })
    partial.assertTextIncludes('Пропущено строк с ошибками: 2.')
    partial.assertTextIncludes('Уже были в реестре (пропущены): 1.')
    assert.equal(await itemCount(), before + 2)
    const mentions = await inOffice(office, () =>
      tenantDb().from('media_item_departments as md').join('media_items as m', 'm.id', 'md.media_item_id').where('m.url', 'https://kom.example/health').count('* as n').first()
    )
    assert.equal(Number(mentions.n), 2)
  })

  test('manual entry, dashboard trends with filters, exports, isolation', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const today = new Date().toISOString().slice(0, 10)
    const added = await submitForm(client, office.host, session, '/media/entry', '/media/items', {
      outlet: 'ТАСС', publishedOn: today, title: 'Губернатор открыл поликлинику', url: 'https://tass.example/clinic', topic: 'Здравоохранение', tone: 'positive', 'departmentIds[]': String(office.departments.health.id),
    })
    added.assertTextIncludes('Публикация добавлена.')
    const again = await submitForm(client, office.host, session, '/media/entry', '/media/items', {
      outlet: 'ТАСС', publishedOn: today, title: 'Дубль', url: 'https://tass.example/clinic', tone: 'neutral',
    })
    again.assertTextIncludes('Публикация с такой ссылкой уже есть')
    const bad = await submitForm(client, office.host, session, '/media/entry', '/media/items', { outlet: '', publishedOn: 'завтра', title: 'x', url: 'ftp://x', tone: 'angry' })
    bad.assertTextIncludes('Заполните поле «Издание»')
    bad.assertTextIncludes('Выберите значение поля «Тональность» из списка')

    const dashboard = await client.get(`/media?topic=${encodeURIComponent('Здравоохранение')}&department=${office.departments.health.id}&months=36`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('Губернатор открыл поликлинику')
    assert.notInclude(dashboard.text(), 'Открыт новый мост через Кубань')
    dashboard.assertTextIncludes('data-trend=')

    const xlsx = await client.get('/media/export/xlsx?months=36').header('host', office.host).withCookie(SESSION_COOKIE, session)
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.equal(rows[0][1], 'Издание')
    assert.isTrue(rows.some((row) => row[2] === 'Губернатор открыл поликлинику' && row[5] === 'позитивная' && row[6] === 'Минздрав'))
    const pdf = await client.get('/media/export/pdf').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.equal(pdf.header('content-type'), 'application/pdf')

    const other = await ensureTenant('media_other')
    const head = await ensureUser(other, 'head')
    const otherSession = (await signIn(client, hostOf(other), head.email)).session
    const feed = await inOffice(office, () => MediaFeed.query().firstOrFail())
    const foreign = await submitForm(client, hostOf(other), otherSession, '/media/feeds', `/media/feeds/${feed.id}/toggle`, {})
    foreign.assertStatus(404)
    const otherDashboard = await client.get('/media?months=36').header('host', hostOf(other)).withCookie(SESSION_COOKIE, otherSession)
    assert.notInclude(otherDashboard.text(), 'Губернатор открыл поликлинику')

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const refused = await client.get('/media/feeds').header('host', office.host).withCookie(SESSION_COOKIE, executor)
    refused.assertStatus(403)
  })
})
