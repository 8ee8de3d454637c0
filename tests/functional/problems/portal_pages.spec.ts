import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import Problem from '#modules/problems/models/problem'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { HOME_RECENT, forgetStatusCounts } from '#modules/problems/services/portal_home'
import { inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsPortal, reportWithPhoto, sessionOf, type ProblemsPortal } from '#tests/helpers/problems'

let portal: ProblemsPortal

/** A lighting problem in Novorossiysk (far from the other tests' points), created directly. */
function report(address: string, lat = 44.7235, lng = 37.7687) {
  return inTenant(portal.tenant, async () =>
    new ReportProblem().handle(
      { themeId: portal.lighting.id, municipalityId: novorossiysk, lat, lng, address, description: 'Не горит фонарь у подъезда, двор в темноте.' },
      await User.findOrFail(portal.citizen.id)
    )
  )
}
let novorossiysk: number

const get = (client: ApiClient, path: string) => client.get(path).header('host', portal.host)

/** POSTs "me too" the way the report form's button does: JSON, the page's CSRF token, the same session. */
async function endorseJson(client: ApiClient, session: string, problemId: number) {
  const form = await get(client, '/problems/new').withCookie(SESSION_COOKIE, session)
  return client
    .post(`/problems/${problemId}/endorse`)
    .header('host', portal.host)
    .header('accept', 'application/json')
    .header('referer', `http://${portal.host}/problems/new`)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(form.text()) })
    .redirects(0)
}

test.group('Problems | portal pages: home, lists, duplicates', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('ppages_portal')
    novorossiysk = (await inTenant(portal.tenant, () => tenantDb().from('municipalities').where('code', 'novorossiysk').firstOrFail())).id
  })

  test('the home page shows the newest public problems with a photo and place, counts by status and the map — no "sections will appear"', async ({ assert, client }) => {
    const withPhoto = await reportWithPhoto(portal, 'Краснодар, ул. Домашняя, 7')
    const hidden = await report('Новороссийск, ул. Скрытая, 1')
    await inTenant(portal.tenant, () => tenantDb().from('problems').where('id', hidden.id).update({ hidden_at: new Date(), hidden_reason: 'спам' }))
    const expected = await inTenant(portal.tenant, async () => {
      const rows = await tenantDb().from('problems').whereNull('hidden_at').select('status').count('* as n').groupBy('status')
      return Object.fromEntries(rows.map((row: any) => [row.status, Number(row.n)]))
    })

    forgetStatusCounts() // the counts are kept a minute per process; earlier tests of this process read them
    const home = await get(client, '/')
    home.assertStatus(200)
    const html = home.text()
    assert.notInclude(html, 'появятся здесь')
    const recent = /<ul class="problem-cards" data-home-recent>([\s\S]*?)<\/ul>/.exec(html)![1]
    assert.include(recent, `data-problem="${withPhoto.problemId}"`)
    assert.include(recent, `src="/problems/${withPhoto.problemId}/photos/${withPhoto.photoId}"`)
    assert.include(recent, 'Краснодар, ул. Домашняя, 7')
    assert.notInclude(recent, 'ул. Скрытая', 'hidden problems are not shown')
    assert.isAtMost((recent.match(/data-problem="/g) ?? []).length, HOME_RECENT)
    for (const [status, count] of Object.entries(expected)) {
      assert.match(html, new RegExp(`<li data-status="${status}"><a href="/problems\\?status=${status}"><strong>${count}</strong>`), status)
    }
    assert.include(html, 'data-problems-map')
    assert.include(html, 'data-source="/problems/map.json"')

    const english = await get(client, '/').header('x-locale', 'en')
    assert.include(english.text(), 'Recent reports')
  })

  test('lists show the typed address, or "near <the municipality centre>" for bare coordinates, and a photo', async ({ assert, client }) => {
    const bare = await report('Новороссийск: 44.723500, 37.768700')
    const typed = await reportWithPhoto(portal, 'Краснодар, ул. Списочная, 3')
    const list = await get(client, '/problems')
    list.assertStatus(200)
    const row = (id: number) => new RegExp(`<a href="/problems/${id}">${id}</a></td>([\\s\\S]*?)</tr>`).exec(list.text())![1]
    assert.include(row(bare.id), 'рядом с центром: Новороссийск')
    assert.notInclude(row(bare.id), '44.723500')
    assert.include(row(typed.problemId), 'Краснодар, ул. Списочная, 3')
    assert.include(row(typed.problemId), `<img class="problem-thumb" src="/problems/${typed.problemId}/photos/${typed.photoId}"`)
    const en = await get(client, '/problems').header('x-locale', 'en')
    assert.include(en.text(), 'near the centre of Novorossiysk')
    // the map's popups too
    const markers = await get(client, '/problems/map.json?bbox=44.7,37.7,44.8,37.8')
    const marker = markers.body().data.find((entry: any) => entry.id === bare.id)
    assert.equal(marker.address, 'рядом с центром: Новороссийск')
  })

  test('duplicates while reporting show title, photo, distance and status; "me too" works in one click, once per citizen, never for the author, rate-limited', async ({ assert, client }) => {
    const existing = await reportWithPhoto(portal, 'Краснодар, ул. Дублей, 5')
    // reportWithPhoto files a roads problem at 45.04, 38.98
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    const nearby = await get(client, `/problems/nearby?themeId=${portal.roads.id}&lat=45.0405&lng=38.98`).withCookie(SESSION_COOKIE, neighbour)
    nearby.assertStatus(200)
    const offered = nearby.body().data.find((entry: any) => entry.id === existing.problemId)
    assert.exists(offered)
    assert.equal(offered.title, 'Дороги и тротуары: Краснодар, ул. Дублей, 5')
    assert.equal(offered.photoUrl, `/problems/${existing.problemId}/photos/${existing.photoId}`)
    assert.closeTo(offered.distance, 56, 3)
    assert.equal(offered.statusLabel, 'Ожидает направления')
    assert.isTrue(offered.canEndorse)
    assert.isFalse(offered.endorsed)

    const first = await endorseJson(client, neighbour, existing.problemId)
    first.assertStatus(200)
    assert.deepInclude(first.body(), { endorsed: true, endorsementsCount: 1 })
    const again = await endorseJson(client, neighbour, existing.problemId)
    assert.equal(again.body().endorsementsCount, 1, 'one endorsement per citizen')
    const after = await get(client, `/problems/nearby?themeId=${portal.roads.id}&lat=45.0405&lng=38.98`).withCookie(SESSION_COOKIE, neighbour)
    const seen = after.body().data.find((entry: any) => entry.id === existing.problemId)
    assert.isTrue(seen.endorsed)
    assert.isFalse(seen.canEndorse)

    // the author sees it without the button and may not endorse their own
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const own = await get(client, `/problems/nearby?themeId=${portal.roads.id}&lat=45.0405&lng=38.98`).withCookie(SESSION_COOKIE, author)
    assert.isFalse(own.body().data.find((entry: any) => entry.id === existing.problemId).canEndorse)
    ;(await endorseJson(client, author, existing.problemId)).assertStatus(403)

    // the limit: 30 endorsements an hour per citizen
    const limiter = (await import('@adonisjs/limiter/services/main')).default
    await limiter.use({ requests: 30, duration: '1 hour' }).set(`problems:endorse:${portal.tenant.slug}:${portal.moderator.id}`, 30, '1 hour')
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const limited = await endorseJson(client, moderator, existing.problemId)
    limited.assertStatus(429)
    assert.equal((await inTenant(portal.tenant, () => Problem.findOrFail(existing.problemId))).endorsementsCount, 1)
  })

  test('the report form offers "use my location" (shown by the script where geolocation exists)', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.neighbour.email)
    const form = await get(client, '/problems/new').withCookie(SESSION_COOKIE, session)
    form.assertStatus(200)
    assert.match(form.text(), /<button type="button" class="button button--ghost button--small" data-use-location [^>]*hidden>Моё местоположение<\/button>/)
  })

  test('the list pages by keyset: next and previous pages hold every problem once, newest first, filters kept; a hidden one never shows', async ({ assert, client }) => {
    // 45 problems in Anapa, several sharing one second (the id breaks the tie), created directly
    const anapa = await inTenant(portal.tenant, async () => {
      const db = tenantDb()
      const municipality = await db.from('municipalities').where('code', 'anapa').firstOrFail()
      const base = Date.parse('2026-06-01T10:00:00Z')
      await db.table('problems').multiInsert(
        Array.from({ length: 45 }, (_, index) => ({
          theme_id: portal.lighting.id, municipality_id: municipality.id, author_id: portal.citizen.id,
          lat: 44.895, lng: 37.3163, address: `Анапа, ул. Ключевая, ${index + 1}`, description: 'Проверка страниц списка.',
          status: 'awaiting_routing', created_at: new Date(base + Math.floor(index / 3) * 1000), updated_at: new Date(base),
          hidden_at: index === 7 ? new Date(base) : null,
        }))
      )
      return municipality.id as number
    })
    const expected = await inTenant(portal.tenant, async () =>
      (await tenantDb().from('problems').where('municipality_id', anapa).whereNull('hidden_at').orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('id')).map((row: { id: number }) => row.id)
    )
    assert.lengthOf(expected, 44)
    const idsOf = (html: string) => [...html.matchAll(/<a href="\/problems\/(\d+)" data-place>/g)].map((match) => Number(match[1]))
    const linkOf = (html: string, rel: 'next' | 'prev') => {
      const href = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html)?.[1]
      return href ? href.replaceAll('&amp;', '&') : null
    }

    const seen: number[] = []
    let path: string | null = `/problems?municipality=${anapa}`
    const pages: string[] = []
    while (path) {
      assert.include(path, `municipality=${anapa}`)
      const page = await get(client, path)
      page.assertStatus(200)
      seen.push(...idsOf(page.text()))
      pages.push(path)
      path = linkOf(page.text(), 'next')
    }
    assert.deepEqual(seen, expected)
    assert.lengthOf(pages, 3)
    assert.notInclude(pages[0], 'after=')

    // back from the last page: the middle page exactly, then the first (one address, no cursor)
    const last = await get(client, pages[2])
    const middlePath = linkOf(last.text(), 'prev')!
    assert.include(middlePath, 'before=')
    const middle = await get(client, middlePath)
    assert.deepEqual(idsOf(middle.text()), expected.slice(20, 40))
    assert.include(middle.text(), 'Страница 2')
    assert.equal(linkOf(middle.text(), 'prev'), `/problems?municipality=${anapa}`)
    // a cursor that is no number is the first page
    assert.deepEqual(idsOf((await get(client, `/problems?municipality=${anapa}&after=abc`)).text()), expected.slice(0, 20))
  })
})
