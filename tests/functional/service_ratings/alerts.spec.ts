import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'
import RatedService from '#modules/service_ratings/models/rated_service'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import { sealMonth } from '#modules/service_ratings/services/monthly_ranks'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { sendFrom } from '#tests/helpers/bus'
import { pump, sessionOf } from '#tests/helpers/problems'
import { publishServices, ratingsMunicipality } from '#tests/helpers/service_ratings'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import Municipality from '#modules/identity/models/municipality'
import { chooseResidence } from '#modules/priorities/services/residence'

type Town = Awaited<ReturnType<typeof ratingsMunicipality>>
let portal: Tenant
let control: Tenant
let controlHead: User
let controlExecutor: User
let towns: Town[]

/** Twelve citizens rate one service of each of four towns in March 2025 (a closed month): the last town is the bottom quartile. */
async function seed() {
  const marks = [[5, 5, 4], [4, 4, 4], [3, 4, 3], [2, 1, 2]]
  const citizens: User[] = []
  for (let index = 0; index < 12; index++) citizens.push(await ensureUser(portal, 'citizen', `rater${index}@svc-alerts.test`))
  await inTenant(portal, async () => {
    if (await ServiceRating.query().first()) return
    for (const [townIndex, town] of towns.entries()) {
      const service = await RatedService.updateOrCreate(
        { bodySlug: town.tenant.slug, code: 'permit' },
        { bodyKind: 'municipality', bodyNameRu: `Администрация ${townIndex}`, bodyNameEn: `Administration ${townIndex}`, nameRu: 'Разрешение', nameEn: 'Permit', departmentCode: 'housing', channel: 'mfc', publishedActive: true, adminHidden: false, publishedAt: DateTime.now() }
      )
      for (const [index, citizen] of citizens.entries()) {
        const mark = marks[townIndex][index % 3]
        await ServiceRating.create({ serviceId: service.id, userId: citizen.id, month: DateTime.fromISO('2025-03-01'), markTime: mark, markWaiting: mark, markStaff: mark, markPremises: mark, markInformation: mark, followUp: 'none' })
      }
    }
  })
}

const all = () => [portal, control, ...towns.map((town) => town.tenant)]

test.group('Service ratings | rank alerts become orders in the Department of Control', (group) => {
  group.setup(async () => {
    portal = await ensureTenant('svc_alerts_portal', 'portal')
    control = await ensureTenant('svc_alerts_control', 'control')
    controlHead = await ensureUser(control, 'head', 'head@svc-alerts-control.test')
    controlExecutor = await ensureUser(control, 'lawyer', 'lawyer@svc-alerts-control.test')
    towns = []
    for (const suffix of ['a', 'b', 'c', 'd']) towns.push(await ratingsMunicipality(`svc_alerts_${suffix}`))
    await seed()
  })

  test('sealing a month sends the flagged body to Control, which issues an order to its department, linked both ways', async ({ assert, client }) => {
    const sealed = await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-03-01')))
    assert.isTrue(sealed.created)
    const outbox = await inTenant(portal, () => tenantDb().from('bus_outbox').where('type', 'service_ratings.rank_alerts_raised').where('target_tenant', control.slug))
    assert.lengthOf(outbox, 1, 'one message to this Control')
    await pump(all())

    const weakest = towns[3].tenant.slug
    const alerts = await inTenant(control, () => tenantDb().from('service_rank_alerts').where('portal', portal.slug))
    assert.deepEqual(
      alerts.map((alert) => [alert.body_slug, alert.kind, alert.rank, alert.ranked_of, alert.version]),
      [[weakest, 'bottom_quartile', 4, 4, 1]]
    )
    assert.notProperty(alerts[0], 'comment')

    await rollupReady()
    const session = await sessionOf(client, hostOf(control), controlHead.email)
    const page = await client.get('/service-ratings/control').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    assert.include(page.text(), `data-alert="${alerts[0].id}"`)
    assert.include(page.text(), 'Администрация 3')
    assert.include(page.text(), '>03.2025<')
    assert.include(page.text(), 'name="departmentCode"')
    assert.notInclude(page.text(), '@if', 'no Edge tag left unrendered')
    assert.include(page.text(), 'href="/service-ratings/control"', 'the menu entry')

    // a department the body does not have: 422 with the reason in the user's language
    const wrong = await postJson(client, hostOf(control), session, '/service-ratings/control', `/service-ratings/control/alerts/${alerts[0].id}/order`, { departmentCode: 'nowhere' })
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'departmentCode')
    assert.equal(wrong.body().errors[0].message, 'Выберите подразделение органа')

    const created = await postJson(client, hostOf(control), session, '/service-ratings/control', `/service-ratings/control/alerts/${alerts[0].id}/order`, { departmentCode: 'housing' })
    created.assertStatus(201)
    const { orderId, number } = created.body()
    const [alert] = await inTenant(control, () => tenantDb().from('service_rank_alerts').where('id', alerts[0].id))
    assert.equal(alert.order_id, orderId, 'the alert shows the order')
    assert.equal(alert.order_number, number)
    const order = await inTenant(control, () => tenantDb().from('orders').where('id', orderId).first())
    assert.include(order.basis, `№ ${alerts[0].id}`, 'the order names the alert')
    assert.include(order.basis, '03.2025')
    assert.equal(order.status, 'issued')
    const executor = await inTenant(control, () => tenantDb().from('order_executors').where('order_id', orderId).first())
    assert.equal(executor.remote_tenant, weakest)
    assert.equal(executor.remote_department_code, 'housing')

    const again = await postJson(client, hostOf(control), session, '/service-ratings/control', `/service-ratings/control/alerts/${alerts[0].id}/order`, { departmentCode: 'housing' })
    assert.include([403, 409], again.status(), 'one order per alert')

    const after = await client.get('/service-ratings/control').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    assert.include(after.text(), `href="/orders/${orderId}"`)
    assert.notInclude(after.text(), `/service-ratings/control/alerts/${alerts[0].id}/order`)

    // the portal learns the order over the bus and shows it next to the body on the public ranking
    const told = await inTenant(control, () => tenantDb().from('bus_outbox').where('type', 'service_ratings.rank_order_issued').where('target_tenant', portal.slug))
    assert.lengthOf(told, 1, 'one message to the portal')
    await pump(all())
    const shown = await inTenant(portal, () => tenantDb().from('service_rank_orders'))
    assert.deepEqual(shown.map((row) => [row.control, row.order_id, row.body_slug, row.order_number]), [[control.slug, orderId, weakest, number]])
    const ranking = await client.get('/services/ranks?month=2025-03&residence=').header('host', hostOf(portal))
    ranking.assertStatus(200)
    const row = ranking.text().slice(ranking.text().indexOf(`data-subject="${weakest}"`))
    assert.include(row.slice(0, row.indexOf('</tr>')), `По итогам рейтинга выдано поручение № ${number}, `)
    assert.match(row.slice(0, row.indexOf('</tr>')), /поручение № [^,]+, \d{2}\.\d{2}\.\d{4}/)
    const english = await client.get('/services/ranks?month=2025-03&residence=').header('host', hostOf(portal)).header('x-locale', 'en')
    assert.include(english.text(), `Order No. ${number} issued on the ranking`)
    // the other bodies have none
    const first = ranking.text().slice(ranking.text().indexOf(`data-subject="${towns[0].tenant.slug}"`))
    assert.notInclude(first.slice(0, first.indexOf('</tr>')), 'data-rank-order')

    // a correction (new version) does not touch an alert an order was issued from
    await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-03-01'), { reason: 'test correction' }))
    await pump(all())
    const [kept] = await inTenant(control, () => tenantDb().from('service_rank_alerts').where('id', alerts[0].id))
    assert.equal(kept.version, 1)
    assert.equal(kept.order_id, orderId)

  })

  test('isolation: only a portal sends rank alerts and only Control takes them; the page is Control\'s alone', async ({ assert, client }) => {
    const payload = { month: '2025-04', version: 1, alerts: [{ body: towns[0].tenant.slug, bodyNameRu: 'Поддельный', bodyNameEn: 'Fake', kind: 'bottom_quartile' as const, rank: 4, previousRank: null, rankedOf: 4, score: 1, ratings: 12 }] }
    // a municipality posing as the portal
    await sendFrom(towns[1].tenant, control.slug, 'service_ratings.rank_alerts_raised', [payload]).catch(() => null)
    // the portal sending to a municipality
    await sendFrom(portal, towns[0].tenant.slug, 'service_ratings.rank_alerts_raised', [payload]).catch(() => null)
    await pump(all())
    const fake = await inTenant(control, () => tenantDb().from('service_rank_alerts').where('month', '2025-04-01'))
    assert.lengthOf(fake, 0)
    const inTown = await inTenant(towns[0].tenant, () => tenantDb().from('service_rank_alerts'))
    assert.lengthOf(inTown, 0)

    // an order told by anything but Control is refused; Control telling a municipality changes nothing there
    const order = { month: '2025-03', body: towns[0].tenant.slug, orderId: 999_999, orderNumber: 'FAKE-1', issuedAt: DateTime.now().toISO()! }
    await sendFrom(towns[1].tenant, portal.slug, 'service_ratings.rank_order_issued', [order]).catch(() => null)
    await sendFrom(control, towns[0].tenant.slug, 'service_ratings.rank_order_issued', [order]).catch(() => null)
    await pump(all())
    assert.lengthOf(await inTenant(portal, () => tenantDb().from('service_rank_orders').where('order_number', 'FAKE-1')), 0)
    assert.lengthOf(await inTenant(towns[0].tenant, () => tenantDb().from('service_rank_orders')), 0)

    // a Control lawyer may not see the page; a municipality has no such page
    const lawyer = await sessionOf(client, hostOf(control), controlExecutor.email)
    const denied = await client.get('/service-ratings/control').header('host', hostOf(control)).withCookie(SESSION_COOKIE, lawyer)
    assert.include([403, 404], denied.status())
    const townSession = await sessionOf(client, towns[0].host, towns[0].head.email)
    const none = await client.get('/service-ratings/control').header('host', towns[0].host).withCookie(SESSION_COOKIE, townSession)
    assert.include([403, 404], none.status())
  })

  test('the public ranking filters by municipality of residence, by default the signed-in citizen\'s own', async ({ assert, client }) => {
    // municipalities whose codes name the test towns' tenants (as the region's catalogue codes name theirs)
    await inTenant(portal, async () => {
      for (const [index, town] of towns.entries()) {
        await Municipality.updateOrCreate({ code: town.tenant.slug }, { kind: 'okrug', nameRu: `Город ${index}`, nameEn: `Town ${index}`, adminCenterRu: 'Ц', adminCenterEn: 'C', lat: 45, lon: 39 })
      }
    })
    await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-03-01'))).catch(() => null)
    const citizen = await ensureUser(portal, 'citizen', 'resident@svc-alerts.test')
    await inTenant(portal, () => chooseResidence(citizen, towns[1].tenant.slug))
    const names = (html: string) => [0, 1, 2, 3].filter((index) => html.includes(`data-subject="${towns[index].tenant.slug}"`))

    const anonymous = await client.get('/services/ranks?month=2025-03').header('host', hostOf(portal))
    anonymous.assertStatus(200)
    assert.deepEqual(names(anonymous.text()), [0, 1, 2, 3], 'nobody signed in: the whole region')

    const session = await sessionOf(client, hostOf(portal), citizen.email)
    const own = await client.get('/services/ranks?month=2025-03').header('host', hostOf(portal)).withCookie(SESSION_COOKIE, session)
    assert.deepEqual(names(own.text()), [1], 'the citizen\'s municipality by default')
    assert.include(own.text(), `<option value="${towns[1].tenant.slug}" selected>`)

    const other = await client.get(`/services/ranks?month=2025-03&residence=${towns[2].tenant.slug}`).header('host', hostOf(portal)).withCookie(SESSION_COOKIE, session)
    assert.deepEqual(names(other.text()), [2])
    const region = await client.get('/services/ranks?month=2025-03&residence=').header('host', hostOf(portal)).withCookie(SESSION_COOKIE, session)
    assert.deepEqual(names(region.text()), [0, 1, 2, 3], 'an empty choice: the whole region')
    const unknown = await client.get('/services/ranks?month=2025-03&residence=nowhere').header('host', hostOf(portal)).withCookie(SESSION_COOKIE, session)
    assert.deepEqual(names(unknown.text()), [0, 1, 2, 3], 'an unknown code filters nothing')
  })

  test('Control filters alerts and follow-ups by month, channel, body (a kind or one) and to bodies with alerts, page by page', async ({ assert, client }) => {
    const [first, second, , weakest] = towns
    // the bodies' catalogues (channels) and follow-ups they received: March and April, MFC and online
    for (const town of [first, second]) {
      await publishServices(town, [{ code: 'permit', departmentCode: 'housing', channel: 'mfc' }, { code: 'e-permit', departmentCode: 'housing', channel: 'online' }])
    }
    await publishServices(weakest, [{ code: 'permit', departmentCode: 'housing', channel: 'mfc' }])
    const followUp = (town: Town, rating: number, code: string, ratedOn: string, status: 'open' | 'answered' = 'open') =>
      inTenant(town.tenant, () =>
        ServiceFollowUp.updateOrCreate(
          { originTenant: portal.slug, originRatingId: rating },
          { serviceCode: code, serviceName: code, departmentCode: 'housing', marks: { time: 1, waiting: 1, staff: 2, premises: 2, information: 1 } as any, comment: 'Долго ждали',
            ratedOn: DateTime.fromISO(ratedOn), respondBy: DateTime.fromISO(ratedOn).plus({ days: 30 }), status, receivedAt: DateTime.fromISO(ratedOn) }
        )
      )
    await followUp(first, 9001, 'permit', '2025-03-10')
    await followUp(first, 9002, 'e-permit', '2025-04-10')
    await followUp(second, 9003, 'e-permit', '2025-03-12', 'answered')
    await followUp(weakest, 9004, 'permit', '2025-03-20')
    // alerts: the sealed March one on the weakest town, an April one on the second, and 55 of May from other portals (two pages)
    await inTenant(control, async () => {
      const alert = (portalSlug: string, month: string, body: string) => ({
        portal: portalSlug, month, version: 1, body_slug: body, body_name_ru: `Орган ${body}`, body_name_en: `Body ${body}`, kind: 'dropped', rank: 3, previous_rank: 1, ranked_of: 4, score_overall: 3.1, ratings: 12, received_at: new Date(),
      })
      await tenantDb().table('service_rank_alerts').insert(alert(portal.slug, '2025-04-01', second.tenant.slug)).onConflict(['portal', 'month', 'body_slug']).ignore()
      for (let index = 0; index < 55; index++) await tenantDb().table('service_rank_alerts').insert(alert(`filler${index}`, '2025-05-01', first.tenant.slug)).onConflict(['portal', 'month', 'body_slug']).ignore()
    })
    const ids = await inTenant(control, async () => Object.fromEntries((await tenantDb().from('service_rank_alerts').whereIn('month', ['2025-03-01', '2025-04-01'])).map((row) => [row.body_slug, row.id])))
    await rollupReady()
    const session = await sessionOf(client, hostOf(control), controlHead.email)
    const page = async (query: string) => {
      const response = await client.get(`/service-ratings/control${query}`).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
      response.assertStatus(200)
      const html = response.text()
      return {
        html,
        alerts: [...html.matchAll(/data-alert="(\d+)"/g)].map((match) => Number(match[1])),
        bodies: Object.fromEntries([...html.matchAll(/data-follow-ups="([^"]+)">[\s\S]*?data-open>(\d+)<[\s\S]*?data-overdue[^>]*>(\d+)<[\s\S]*?data-answered>(\d+)</g)].map((match) => [match[1], [Number(match[2]), Number(match[4])]])),
      }
    }

    // the month: March's alert only; March's follow-ups only
    const march = await page('?month=2025-03')
    assert.deepEqual(march.alerts, [ids[weakest.tenant.slug]])
    assert.deepEqual(march.bodies, { [first.tenant.slug]: [1, 0], [second.tenant.slug]: [0, 1], [weakest.tenant.slug]: [1, 0] })
    assert.include(march.html, '<option value="2025-03" selected>03.2025</option>')
    // the channel: follow-ups of online services only (the alerts stay: they are on all of a body's channels)
    const online = await page('?channel=online')
    assert.deepEqual(online.bodies, { [first.tenant.slug]: [1, 0], [second.tenant.slug]: [0, 1] })
    assert.include(online.html, 'Канал отбирает обращения')
    // one body; a kind (the towns are municipalities, so regional blocks have nothing)
    const one = await page(`?body=${second.tenant.slug}`)
    assert.deepEqual(one.alerts, [ids[second.tenant.slug]])
    assert.deepEqual(Object.keys(one.bodies), [second.tenant.slug])
    const blocks = await page('?body=block')
    assert.deepEqual(blocks.alerts, [])
    assert.include(blocks.html, 'По выбранному отбору сигналов нет.')
    assert.include(blocks.html, 'По выбранному отбору обращений нет.')
    assert.isAbove((await page('?body=municipality')).alerts.length, 1)
    // only bodies with an alert (in the month chosen): March flagged the weakest town alone
    const flagged = await page('?month=2025-03&alerts=1')
    assert.deepEqual(Object.keys(flagged.bodies), [weakest.tenant.slug])
    // an unknown body or month is no filter; a body of another kind of tenant is no filter either
    assert.deepEqual((await page('?body=nowhere&month=2025-13')).alerts, (await page('')).alerts)
    assert.deepEqual((await page(`?body=${control.slug}`)).alerts, (await page('')).alerts)

    // 55 alerts of May: 50 on the first page, the pager keeps the filters
    const may = await page('?month=2025-05')
    assert.lengthOf(may.alerts, 50)
    assert.include(may.html, 'href="/service-ratings/control?month=2025-05&amp;page=2"')
    const mayNext = await page('?month=2025-05&page=2')
    assert.lengthOf(mayNext.alerts, 5)
    // in English too
    const english = await client.get('/service-ratings/control?body=block').header('host', hostOf(control)).header('x-locale', 'en').withCookie(SESSION_COOKIE, session)
    assert.include(english.text(), 'No alerts match the filters.')
  }).timeout(60_000)

  test('with a municipality of residence the ranking lists its administration apart from the regional services, which serve every municipality', async ({ assert, client }) => {
    const regional = 'svc_alerts_region'
    const [, home, neighbour, quiet] = towns
    await inTenant(portal, async () => {
      for (const [index, town] of towns.entries()) {
        await Municipality.updateOrCreate({ code: town.tenant.slug }, { kind: 'okrug', nameRu: `Город ${index}`, nameEn: `Town ${index}`, adminCenterRu: 'Ц', adminCenterEn: 'C', lat: 45, lon: 39 })
      }
    })
    const citizens: User[] = []
    for (let index = 0; index < 12; index++) citizens.push(await ensureUser(portal, 'citizen', `rater${index}@svc-alerts.test`))
    await inTenant(portal, async () => {
      const services = [
        await RatedService.updateOrCreate({ bodySlug: regional, code: 'licence' }, { bodyKind: 'block', bodyNameRu: 'Министерство транспорта края', bodyNameEn: 'Regional Ministry of Transport', nameRu: 'Лицензия перевозчика', nameEn: 'Carrier licence', departmentCode: 'transport', channel: 'online', publishedActive: true, adminHidden: false, publishedAt: DateTime.now() }),
        await RatedService.findByOrFail({ bodySlug: home.tenant.slug, code: 'permit' }),
        await RatedService.findByOrFail({ bodySlug: neighbour.tenant.slug, code: 'permit' }),
      ]
      if (await ServiceRating.query().where('month', '2025-06-01').first()) return
      for (const [serviceIndex, service] of services.entries()) {
        for (const citizen of citizens) {
          const mark = 5 - serviceIndex
          await ServiceRating.create({ serviceId: service.id, userId: citizen.id, month: DateTime.fromISO('2025-06-01'), markTime: mark, markWaiting: mark, markStaff: mark, markPremises: mark, markInformation: mark, followUp: 'none' })
        }
      }
    })
    await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-06-01'))).catch(() => null)
    const get = async (query: string, locale = 'ru') => {
      const response = await client.get(`/services/ranks?month=2025-06${query}`).header('host', hostOf(portal)).header('x-locale', locale)
      response.assertStatus(200)
      return response.text()
    }
    const position = (html: string, marker: string) => html.indexOf(marker)

    const grouped = await get(`&residence=${home.tenant.slug}`)
    const local = position(grouped, 'data-ranks-group="local"')
    const region = position(grouped, 'data-ranks-group="regional"')
    assert.isAbove(local, -1)
    assert.isAbove(region, local)
    assert.include(grouped, 'Услуги муниципального образования: Город 1')
    assert.include(grouped, 'Региональные услуги — для жителей всех муниципальных образований')
    // the home town's administration under its own heading, the regional ministry under the regional one, the neighbour nowhere
    assert.isAbove(position(grouped, `data-subject="${home.tenant.slug}"`), local)
    assert.isBelow(position(grouped, `data-subject="${home.tenant.slug}"`), region)
    assert.isAbove(position(grouped, `data-subject="${regional}"`), region)
    assert.equal(position(grouped, `data-subject="${neighbour.tenant.slug}"`), -1)
    assert.include(grouped, 'Места — в общем рейтинге края за месяц.')

    // services too; a town with no rated service of its own says so, and still gets the regional ones
    const services = await get(`&scope=service&residence=${home.tenant.slug}`)
    assert.isAbove(position(services, `data-subject="${regional}/licence"`), position(services, 'data-ranks-group="regional"'))
    const none = await get(`&residence=${quiet.tenant.slug}`)
    assert.include(none, 'За этот месяц у администрации муниципального образования нет оценённых услуг.')
    assert.isAbove(position(none, `data-subject="${regional}"`), position(none, 'data-ranks-group="regional"'))
    // regional bodies only: no local heading
    const blocksOnly = await get(`&kind=block&residence=${home.tenant.slug}`)
    assert.equal(position(blocksOnly, 'data-ranks-group="local"'), -1)
    assert.isAbove(position(blocksOnly, `data-subject="${regional}"`), -1)

    // the whole region: one table, the regional body labelled
    const whole = await get('&residence=')
    assert.equal(position(whole, 'data-ranks-group='), -1)
    const row = whole.slice(position(whole, `data-subject="${regional}"`))
    assert.include(row.slice(0, row.indexOf('</tr>')), 'по всему краю')
    const neighbourRow = whole.slice(position(whole, `data-subject="${neighbour.tenant.slug}"`))
    assert.notInclude(neighbourRow.slice(0, neighbourRow.indexOf('</tr>')), 'data-regional')

    const english = await get(`&residence=${home.tenant.slug}`, 'en')
    assert.include(english, 'Regional services, for residents of every municipality')
  }).timeout(60_000)
})
