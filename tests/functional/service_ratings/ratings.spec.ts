import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import type Tenant from '#tenancy/tenant'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import RatedService from '#modules/service_ratings/models/rated_service'
import { ensureTenant, inTenant, rollupReady } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { sendFrom } from '#tests/helpers/bus'
import { pump, sessionOf } from '#tests/helpers/problems'
import { portalService, publishServices, ratingsMunicipality, ratingsPortal } from '#tests/helpers/service_ratings'

let portal: Awaited<ReturnType<typeof ratingsPortal>>
let town: Awaited<ReturnType<typeof ratingsMunicipality>>
let village: Awaited<ReturnType<typeof ratingsMunicipality>>

const all = () => [portal.tenant, town.tenant, village.tenant]
const good = { time: '5', waiting: '4', staff: '5', premises: '4', information: '5' }
const poor = { time: '2', waiting: '1', staff: '2', premises: '3', information: '2' }

/** The statement fails with permission denied. */
async function assertDenied(assert: any, tenant: Tenant, sql: string) {
  const error = await inTenant(tenant, () => tenantDb().rawQuery(sql)).then(
    () => null,
    (failure: Error) => failure
  )
  assert.match(error?.message ?? 'it succeeded', /permission denied/, sql)
}

test.group('Service ratings | catalogue, rating rules, follow-ups over the bus', (group) => {
  group.setup(async () => {
    portal = await ratingsPortal('svc_portal')
    town = await ratingsMunicipality('svc_town')
    village = await ratingsMunicipality('svc_village')
    await publishServices(town, [
      { code: 'building-permit', departmentCode: 'architecture', channel: 'mfc' },
      { code: 'housing-queue', departmentCode: 'housing', channel: 'office' },
    ])
    await publishServices(village, [{ code: 'housing-queue', departmentCode: 'housing', channel: 'online' }])
    await pump(all())
  })

  test('a body publishes its services from its catalogue page; the portal keeps them per body and drops what the body retires', async ({ assert, client }) => {
    const session = await sessionOf(client, town.host, town.admin.email)
    const page = await submitForm(client, town.host, session, '/service-ratings/catalogue', '/service-ratings/catalogue', {
      code: 'trade-licence',
      nameRu: 'Выдача разрешения на торговлю',
      nameEn: 'Trade licence',
      departmentCode: 'architecture',
      channel: 'online',
      isActive: 'true',
    })
    page.assertStatus(200)
    assert.include(page.text(), 'trade-licence')
    await pump(all())
    const copy = await portalService(portal, town, 'trade-licence')
    assert.equal(copy.nameRu, 'Выдача разрешения на торговлю')
    assert.equal(copy.channel, 'online')
    assert.equal(copy.bodyKind, 'municipality')
    assert.isTrue(copy.isActive)
    // the same code in two bodies is two services
    assert.notEqual((await portalService(portal, town, 'housing-queue')).id, (await portalService(portal, village, 'housing-queue')).id)

    await submitForm(client, town.host, session, '/service-ratings/catalogue', '/service-ratings/catalogue', {
      code: 'trade-licence', nameRu: 'Выдача разрешения на торговлю', nameEn: 'Trade licence', departmentCode: 'architecture', channel: 'online',
    })
    await pump(all())
    assert.isFalse((await portalService(portal, town, 'trade-licence')).isActive)

    // an unknown department of the body is refused with the field named
    const refused = await postJson(client, town.host, session, '/service-ratings/catalogue', '/service-ratings/catalogue', {
      code: 'ghost', nameRu: 'Услуга без отдела', nameEn: 'No department', departmentCode: 'nowhere', channel: 'mfc',
    })
    refused.assertStatus(422)
    assert.deepInclude(refused.body().errors.map((error: any) => error.field), 'departmentCode')

    const listing = await client.get('/services').header('host', portal.host)
    listing.assertStatus(200)
    assert.include(listing.text(), 'Услуга housing-queue')
    assert.notInclude(listing.text(), 'Выдача разрешения на торговлю', 'a retired service is not offered')
    const online = await client.get('/services?channel=online').header('host', portal.host)
    assert.notInclude(online.text(), 'Услуга building-permit')
  })

  test('a citizen rates once per service and month; out-of-range marks, unknown and inactive services are 422 in the user\'s language', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    const service = await portalService(portal, town, 'building-permit')
    const first = await postJson(client, portal.host, session, `/services/${service.id}`, `/services/${service.id}/ratings`, good)
    first.assertStatus(201)
    assert.equal(first.body().followUp, 'none')

    const second = await postJson(client, portal.host, session, `/services/${service.id}`, `/services/${service.id}/ratings`, good)
    second.assertStatus(422)
    assert.match(second.body().errors[0].message, /уже оценили эту услугу в этом месяце/)
    assert.equal(await inTenant(portal.tenant, async () => (await ServiceRating.query().where('service_id', service.id).where('user_id', portal.citizen.id)).length), 1)

    const other = await portalService(portal, town, 'housing-queue')
    const outOfRange = await postJson(client, portal.host, session, `/services/${other.id}`, `/services/${other.id}/ratings`, { ...good, waiting: '6', premises: '0' })
    outOfRange.assertStatus(422)
    assert.sameMembers(outOfRange.body().errors.map((error: any) => error.field), ['waiting', 'premises'])

    const unknown = await postJson(client, portal.host, session, `/services/${other.id}`, '/services/999999/ratings', good)
    unknown.assertStatus(422)
    assert.match(unknown.body().errors[0].message, /нет в каталоге/)

    const retired = await portalService(portal, town, 'trade-licence')
    const inactive = await client
      .post(`/services/${retired.id}/ratings`)
      .header('host', portal.host)
      .header('accept', 'application/json')
      .header('x-locale', 'en')
      .header('referer', `http://${portal.host}/services/${retired.id}`)
      .withCookie(SESSION_COOKIE, session)
      .form({ ...good, _csrf: await csrfOf(client, session, `/services/${retired.id}`) })
      .redirects(0)
    inactive.assertStatus(422)
    assert.match(inactive.body().errors[0].message, /does not take ratings now/)

    // the admins hide a service: nobody rates it; the body's next publication keeps it hidden
    const adminSession = await sessionOf(client, portal.host, portal.admin.email)
    await submitForm(client, portal.host, adminSession, `/services/${other.id}`, `/services/${other.id}/admin`, { hidden: 'true' })
    await publishServices(town, [{ code: 'housing-queue', departmentCode: 'housing' }])
    await pump(all())
    assert.isFalse((await portalService(portal, town, 'housing-queue')).isActive)
    const hidden = await postJson(client, portal.host, session, `/services/${other.id}`, `/services/${other.id}/ratings`, good)
    hidden.assertStatus(422)
    await submitForm(client, portal.host, adminSession, `/services/${other.id}`, `/services/${other.id}/admin`, { hidden: 'false' })
    assert.isTrue((await portalService(portal, town, 'housing-queue')).isActive)
  })

  test('a low rating with a comment goes to the providing department, whose answer is published under the rating; the author marks it helpful', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.neighbour.email)
    const service = await portalService(portal, town, 'housing-queue')
    const rated = await postJson(client, portal.host, session, `/services/${service.id}`, `/services/${service.id}/ratings`, {
      ...poor,
      comment: 'Три часа в очереди, сотрудник не знал порядка постановки на учёт.',
    })
    rated.assertStatus(201)
    assert.equal(rated.body().followUp, 'sent')
    const ratingId = rated.body().id
    await pump(all())

    const rating = await inTenant(portal.tenant, () => ServiceRating.findOrFail(ratingId))
    assert.equal(rating.followUp, 'received')
    const followUp = await inTenant(town.tenant, () => ServiceFollowUp.query().where('origin_tenant', portal.tenant.slug).where('origin_rating_id', ratingId).firstOrFail())
    assert.equal(followUp.departmentCode, 'housing')
    assert.equal(followUp.respondBy.diff(followUp.ratedOn, 'days').days, 30)
    assert.notProperty(followUp.$attributes, 'userId')
    // nothing personal travels: no name, no e-mail of the citizen
    const inbox = await inTenant(town.tenant, () => tenantDb().from('bus_inbox').where('type', 'service_ratings.follow_up_opened').orderBy('id', 'desc').first())
    assert.notInclude(JSON.stringify(inbox.payload), portal.neighbour.email)

    // another department neither sees nor answers it; the providing one does
    const stranger = await sessionOf(client, town.host, town.architectureHead.email)
    ;(await client.get(`/service-ratings/inbox/${followUp.id}`).header('host', town.host).withCookie(SESSION_COOKIE, stranger)).assertStatus(404)
    const housing = await sessionOf(client, town.host, town.housingHead.email)
    const list = await client.get('/service-ratings/inbox').header('host', town.host).withCookie(SESSION_COOKIE, housing)
    assert.include(list.text(), `data-follow-up="${followUp.id}"`)
    const answered = await submitForm(client, town.host, housing, `/service-ratings/inbox/${followUp.id}`, `/service-ratings/inbox/${followUp.id}/answer`, {
      answer: 'Приём по очереди перенесён в МФЦ, сотрудники прошли инструктаж. Приносим извинения.',
    })
    answered.assertStatus(200)
    await pump(all())

    const published = await client.get(`/services/${service.id}`).header('host', portal.host)
    assert.include(published.text(), 'Приём по очереди перенесён в МФЦ')
    assert.include(published.text(), `id="rating-${ratingId}"`)
    await submitForm(client, portal.host, session, `/services/${service.id}`, `/services/ratings/${ratingId}/helpful`, { helpful: 'true' })
    assert.isTrue((await inTenant(portal.tenant, () => ServiceRating.findOrFail(ratingId))).answerHelpful)

    // another citizen may not judge it
    const other = await sessionOf(client, portal.host, portal.citizen.email)
    const judged = await postJson(client, portal.host, other, `/services/${service.id}`, `/services/ratings/${ratingId}/helpful`, { helpful: 'false' })
    judged.assertStatus(404)
  })

  test('isolation: a body answers only ratings of its own services; the portal cannot read a body\'s follow-ups', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    const service = await portalService(portal, town, 'housing-queue')
    const rated = await postJson(client, portal.host, session, `/services/${service.id}`, `/services/${service.id}/ratings`, { ...poor, comment: 'Не работает электронная очередь.' })
    rated.assertStatus(201)
    await pump(all())
    // the village claims to answer the town's follow-up: refused, nothing published
    await sendFrom(village.tenant, portal.tenant.slug, 'service_ratings.follow_up_answered', [{ ratingId: rated.body().id, kind: 'answered', text: 'Чужой ответ', at: new Date().toISOString() }])
    await pump(all())
    const rating = await inTenant(portal.tenant, () => ServiceRating.findOrFail(rated.body().id))
    assert.equal(rating.followUp, 'received')
    assert.isNull(rating.answerText)
    assert.equal(await inTenant(village.tenant, async () => (await ServiceFollowUp.query()).length), 0)

    await assertDenied(assert, portal.tenant, `select * from tenant_${town.tenant.slug}.service_follow_ups`)
    await assertDenied(assert, town.tenant, `select * from tenant_${portal.tenant.slug}.service_ratings`)
    // a portal cannot publish services as if it were a body
    await sendFrom(portal.tenant, portal.tenant.slug, 'service_ratings.catalogue_published', [
      { publishedAt: new Date().toISOString(), body: { nameRu: 'Портал', nameEn: 'Portal' }, services: [{ code: 'fake', nameRu: 'Ф', nameEn: 'F', departmentCode: 'x', channel: 'mfc', isActive: true }] },
    ]).catch(() => null)
    await pump(all())
    assert.isNull(await inTenant(portal.tenant, () => RatedService.query().where('code', 'fake').first()))

    // the Department of Control reads the follow-ups' dates and status through the rollup, never the comment or the answer
    await rollupReady()
    const control = await ensureTenant('svc_control', 'control')
    const rows = await inTenant(control, () => tenantDb().rawQuery(`select * from rollup.service_follow_ups where block = ?`, [town.tenant.slug]))
    assert.isAbove(rows.rows.length, 0)
    assert.notProperty(rows.rows[0], 'comment')
    assert.notProperty(rows.rows[0], 'answer_text')
    assert.properties(rows.rows[0], ['service_code', 'department_code', 'respond_by', 'status'])
  })
})

async function csrfOf(client: any, session: string, path: string) {
  const page = await client.get(path).header('host', portal.host).withCookie(SESSION_COOKIE, session)
  const match = page.text().match(/name='_csrf' value='([^']+)'/)
  return match![1]
}
