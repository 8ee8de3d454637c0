import { test } from '@japa/runner'
import env from '#start/env'
import { tenantDb } from '#tenancy/tenant_model'
import { regionToday } from '#core/region_time'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import { DateTime } from 'luxon'
import Order from '#modules/orders/models/order'
import { deadlineFor } from '#modules/orders/actions/create_order'
import { inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsMunicipality, problemsPortal, publishDirectoryOf, pump, sessionOf, type ProblemsMunicipality, type ProblemsPortal } from '#tests/helpers/problems'
import { forwardedInitiative, municipalInitiative } from '#tests/helpers/lawmaking_initiatives'

let portal: ProblemsPortal
let town: ProblemsMunicipality
let stranger: ProblemsMunicipality
const all = () => [portal.tenant, town.tenant, stranger.tenant]

/** The portal and two municipalities whose directories the portal knows. */
async function offices() {
    portal = await problemsPortal('lmi_portal')
    town = await problemsMunicipality('labinsky')
    stranger = await problemsMunicipality('yeysky')
    await publishDirectoryOf(town)
    await publishDirectoryOf(stranger)
    await pump(all())
}

function notificationsOf(tenant: ProblemsPortal['tenant'], userId: number, kind: string) {
  return inTenant(tenant, () => tenantDb().from('notifications').where('user_id', userId).where('kind', kind))
}

test.group('Lawmaking | citizens’ initiatives | from a citizen to a municipality and back', (group) => {
  group.setup(async () => {
    await offices()
    env.set('LAWMAKING_INITIATIVE_THRESHOLD_MUNICIPAL', 2 as any)
    return () => {
      // process.env would keep the string "undefined" and later files would read it
      env.set('LAWMAKING_INITIATIVE_THRESHOLD_MUNICIPAL', undefined as any)
      delete process.env.LAWMAKING_INITIATIVE_THRESHOLD_MUNICIPAL
    }
  })

  test('write → moderate → support to the threshold → forward → the department accepts for drafting with an order → the portal shows the answer', async ({ assert, client }) => {
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const concept = municipalInitiative('labinsky')
    ;(await client.get('/lawmaking/initiatives/new').header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(200)
    const { response: written } = await postFrom(client, portal.host, citizen, '/lawmaking/initiatives/new', '/lawmaking/initiatives', { ...concept, municipalityCode: 'labinsky' } as any)
    written.assertStatus(302)
    const id = Number(String(written.header('location')).split('/').pop())
    const submitted = await inTenant(portal.tenant, () => Initiative.findOrFail(id))
    assert.equal(submitted.status, 'moderation')
    assert.equal(submitted.municipalityCode, 'labinsky')

    // in moderation only the author and the moderators see it
    ;(await client.get(`/lawmaking/initiatives/${id}`).header('host', portal.host)).assertStatus(404)
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    ;(await client.get(`/lawmaking/initiatives/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, neighbour)).assertStatus(404)
    assert.lengthOf(await notificationsOf(portal.tenant, portal.moderator.id, 'lawmaking.initiative_submitted'), 1)

    // the moderator publishes it
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const queue = await client.get('/lawmaking/initiatives/moderation').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.include(queue.text(), `data-waiting="${id}"`)
    ;(await postFrom(client, portal.host, moderator, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/publish`, {})).response.assertStatus(302)
    const list = await client.get('/lawmaking/initiatives').header('host', portal.host).qs({ municipality: 'labinsky', subject: 'transport' })
    assert.include(list.text(), concept.title)
    const regional = await client.get('/lawmaking/initiatives').header('host', portal.host).qs({ level: 'regional' })
    assert.notInclude(regional.text(), concept.title)

    // support: once per citizen, not the author; the second supporter reaches the threshold (2 here)
    ;(await postFrom(client, portal.host, citizen, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/support`, {})).response.assertStatus(403)
    ;(await postFrom(client, portal.host, neighbour, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/support`, {})).response.assertStatus(302)
    ;(await postFrom(client, portal.host, neighbour, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/support`, {})).response.assertStatus(302)
    assert.equal((await inTenant(portal.tenant, () => Initiative.findOrFail(id))).supportCount, 1)
    assert.isNull((await inTenant(portal.tenant, () => Initiative.findOrFail(id))).readyAt)
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    ;(await postFrom(client, portal.host, admin, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/support`, {})).response.assertStatus(302)
    const ready = await inTenant(portal.tenant, () => Initiative.findOrFail(id))
    assert.equal(ready.supportCount, 2)
    assert.isNotNull(ready.readyAt)
    assert.lengthOf(await notificationsOf(portal.tenant, portal.moderator.id, 'lawmaking.initiative_ready'), 1)

    // forwarding to another municipality's administration is refused per field; to its own, it goes over the bus
    const page = await client.get(`/lawmaking/initiatives/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.include(page.text(), `value="labinsky/housing"`)
    assert.notInclude(page.text(), `value="yeysky/housing"`, 'only the municipality’s own administration is offered')
    const foreign = await postJson(client, portal.host, moderator, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/forward`, { target: 'yeysky/housing' })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].field, 'target')
    ;(await postFrom(client, portal.host, moderator, `/lawmaking/initiatives/${id}`, `/lawmaking/initiatives/${id}/forward`, { target: 'labinsky/housing' })).response.assertStatus(302)
    const forwarded = await inTenant(portal.tenant, () => Initiative.findOrFail(id))
    assert.equal(forwarded.status, 'forwarded')
    assert.equal(forwarded.respondBy!.toISODate(), regionToday().plus({ days: 30 }).toISODate())
    await pump(all())

    const found = await inTenant(town.tenant, () => InitiativeCase.query().where('origin_tenant', portal.tenant.slug).where('origin_initiative_id', id).firstOrFail())
    assert.equal(found.departmentId, town.departments.housing.id)
    assert.equal(found.dueOn.toISODate(), forwarded.respondBy!.toISODate())
    assert.notEqual(found.authorName, portal.citizen.email)
    assert.lengthOf(await inTenant(stranger.tenant, () => InitiativeCase.all()), 0, 'another municipality receives nothing')
    assert.isNotNull((await inTenant(portal.tenant, () => Initiative.findOrFail(id))).receivedAt)
    assert.lengthOf(await notificationsOf(town.tenant, town.housingExecutor.id, 'lawmaking.initiative_received'), 1)

    // the housing department sees it; the roads department, another municipality and the portal do not
    const housing = await sessionOf(client, town.host, town.housingHead.email)
    const inbox = await client.get('/lawmaking/initiatives/inbox').header('host', town.host).withCookie(SESSION_COOKIE, housing)
    inbox.assertStatus(200)
    assert.include(inbox.text(), concept.title)
    assert.notInclude(inbox.text(), portal.citizen.email)
    const roads = await sessionOf(client, town.host, town.roadsHead.email)
    assert.notInclude((await client.get('/lawmaking/initiatives/inbox').header('host', town.host).withCookie(SESSION_COOKIE, roads)).text(), concept.title)
    ;(await client.get(`/lawmaking/initiatives/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, roads)).assertStatus(404)
    const outsider = await sessionOf(client, stranger.host, stranger.head.email)
    ;(await client.get(`/lawmaking/initiatives/inbox/${found.id}`).header('host', stranger.host).withCookie(SESSION_COOKIE, outsider)).assertStatus(404)
    ;(await client.get('/lawmaking/initiatives/inbox').header('host', portal.host).withCookie(SESSION_COOKIE, moderator)).assertStatus(404)
    const byRoads = await client.get('/lawmaking/initiatives/inbox').header('host', town.host).withCookie(SESSION_COOKIE, roads)
    const roadsAnswer = await client
      .post(`/lawmaking/initiatives/inbox/${found.id}/answer`)
      .header('host', town.host)
      .withCookie(SESSION_COOKIE, roads)
      .form({ _csrf: csrfTokenFrom(byRoads.text()), answer: 'rejected', reason: 'Не наше' })
      .redirects(0)
    roadsAnswer.assertStatus(404)

    // a rejection needs its reasons: 422 on the field, in Russian
    const unexplained = await postJson(client, town.host, housing, `/lawmaking/initiatives/inbox/${found.id}`, `/lawmaking/initiatives/inbox/${found.id}/answer`, { answer: 'rejected' })
    unexplained.assertStatus(422)
    unexplained.assertBodyContains({ errors: [{ field: 'reason', message: 'Укажите причины отказа' }] })
    const planless = await postJson(client, town.host, housing, `/lawmaking/initiatives/inbox/${found.id}`, `/lawmaking/initiatives/inbox/${found.id}/answer`, { answer: 'included_in_plan' })
    planless.assertStatus(422)
    assert.equal(planless.body().errors[0].field, 'plannedOn')

    // accepted for drafting, with an order to the roads department
    const orderDue = regionToday().plus({ days: 20 }).toISODate()!
    const accepted = await postFrom(client, town.host, housing, `/lawmaking/initiatives/inbox/${found.id}`, `/lawmaking/initiatives/inbox/${found.id}/answer`, {
      answer: 'accepted_for_drafting',
      reason: 'Подготовим проект постановления к весенней сессии.',
      orderDepartmentId: String(town.departments.roads.id),
      orderDueOn: orderDue,
    })
    accepted.response.assertStatus(302)
    const answered = await inTenant(town.tenant, () => InitiativeCase.findOrFail(found.id))
    assert.equal(answered.answer, 'accepted_for_drafting')
    assert.isNotNull(answered.draftId)
    const draft = await inTenant(town.tenant, () => tenantDb().from('lawmaking_drafts').where('id', answered.draftId!).first())
    assert.equal(draft.stage, 'preparation')
    assert.equal(draft.initiative_id, found.id, 'the draft knows its initiative')
    assert.equal(draft.department_id, town.departments.housing.id)
    assert.equal(draft.level, 'municipal')
    assert.equal(draft.municipality_code, 'labinsky')
    assert.equal(draft.pending_text, concept.proposal)
    assert.include(draft.explanatory_note, concept.problem)
    const order = await inTenant(town.tenant, () => Order.findOrFail(answered.orderId!))
    assert.equal(order.status, 'issued')
    assert.include(order.basis!, `№ ${id}`)
    // the order's deadline is the day asked for, moved back to a working day by the body's calendar
    const expectedDeadline = await inTenant(town.tenant, () => deadlineFor('date', DateTime.fromISO(orderDue).toJSDate()))
    assert.equal(order.deadline!.toISODate(), expectedDeadline.toISODate())
    const casePage = await client.get(`/lawmaking/initiatives/inbox/${found.id}`).header('host', town.host).withCookie(SESSION_COOKIE, housing)
    assert.include(casePage.text(), `data-draft="${draft.id}"`)
    assert.include(casePage.text(), order.number)
    // answered once
    const again = await postJson(client, town.host, housing, `/lawmaking/initiatives/inbox/${found.id}`, `/lawmaking/initiatives/inbox/${found.id}/answer`, { answer: 'rejected', reason: 'Передумали' })
    again.assertStatus(409)

    // the portal shows the answer, the order's number and the whole story; author and supporters are told
    await pump(all())
    const published = await inTenant(portal.tenant, () => Initiative.findOrFail(id))
    assert.equal(published.status, 'answered')
    assert.equal(published.answer, 'accepted_for_drafting')
    assert.equal(published.orderNumber, order.number)
    const shown = await client.get(`/lawmaking/initiatives/${id}`).header('host', portal.host)
    shown.assertStatus(200)
    assert.include(shown.text(), 'Подготовим проект постановления к весенней сессии.')
    assert.include(shown.text(), order.number)
    assert.include(shown.text(), 'Принята к разработке проекта акта')
    const kinds = await inTenant(portal.tenant, async () => (await tenantDb().from('lawmaking_initiative_events').where('initiative_id', id).orderBy('id')).map((row) => row.kind))
    assert.deepEqual(kinds, ['submitted', 'published', 'threshold_reached', 'forwarded', 'received', 'answered'])
    await assert.rejects(() => inTenant(portal.tenant, () => tenantDb().from('lawmaking_initiative_events').where('initiative_id', id).delete()), /append-only/)
    assert.lengthOf(await notificationsOf(portal.tenant, portal.citizen.id, 'lawmaking.initiative_answered'), 1)
    assert.lengthOf(await notificationsOf(portal.tenant, portal.neighbour.id, 'lawmaking.initiative_answered'), 1)
  })
})

test.group('Lawmaking | citizens’ initiatives | isolation', (group) => {
  group.setup(async () => {
    await offices()
  })

  test('the portal keeps only what the bus brought; an answer from a body it was not forwarded to is refused; a plan and a rejection reach the page', async ({ assert, client }) => {
    const planned = await forwardedInitiative(portal, town, 'labinsky/housing', municipalInitiative('labinsky', 'Скверы без курения'))
    const rejected = await forwardedInitiative(portal, town, 'labinsky/housing', municipalInitiative('labinsky', 'Бесплатная парковка в центре'))
    const { AnswerInitiative } = await import('#modules/lawmaking/actions/initiatives/answer_initiative')
    const { systemActor } = await import('#core/audit')
    const planDay = regionToday().plus({ days: 90 })
    await inTenant(town.tenant, () => new AnswerInitiative().handle(planned.found.id, { answer: 'included_in_plan', plannedOn: planDay }, town.housingHead, systemActor('test')))
    await inTenant(town.tenant, () => new AnswerInitiative().handle(rejected.found.id, { answer: 'rejected', reason: 'Противоречит федеральному закону о парковках.' }, town.housingHead, systemActor('test')))
    assert.isNull((await inTenant(town.tenant, () => InitiativeCase.findOrFail(rejected.found.id))).draftId, 'a rejection makes no draft')
    await pump(all())
    const plan = await inTenant(portal.tenant, () => Initiative.findOrFail(planned.initiative.id))
    assert.equal(plan.answer, 'included_in_plan')
    assert.equal(plan.plannedOn!.toISODate(), planDay.toISODate())
    const refusal = await client.get(`/lawmaking/initiatives/${rejected.initiative.id}`).header('host', portal.host)
    assert.include(refusal.text(), 'Противоречит федеральному закону о парковках.')
    assert.include(refusal.text(), 'data-answer="rejected"')

    // each side holds only its own rows
    assert.lengthOf(await inTenant(portal.tenant, () => InitiativeCase.all()), 0)
    assert.lengthOf(await inTenant(town.tenant, () => Initiative.all()), 0)

    // a body the initiative was not forwarded to cannot answer it (the message fails, nothing changes)
    const { bus } = await import('#bus/bus')
    const third = await forwardedInitiative(portal, town, 'labinsky/housing', municipalInitiative('labinsky', 'Велодорожки к станции'))
    await inTenant(stranger.tenant, () =>
      tenantDb().transaction((trx) =>
        bus.send(trx, {
          to: portal.tenant.slug,
          type: 'lawmaking.initiative_answered',
          payload: { initiativeId: third.initiative.id, answer: 'rejected', text: 'Подделка', plannedOn: null, orderNumber: null, answeredAt: new Date().toISOString() },
        })
      )
    )
    await pump(all())
    const untouched = await inTenant(portal.tenant, () => Initiative.findOrFail(third.initiative.id))
    assert.equal(untouched.status, 'forwarded')
    assert.isNull(untouched.answer)
  })
})
