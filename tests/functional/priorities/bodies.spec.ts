import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import { SealQuarter } from '#modules/priorities/actions/seal_quarter'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { problemsMunicipality, publishDirectoryOf, pump, sessionOf, type ProblemsMunicipality } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

let portal: PrioritiesPortal
let town: ProblemsMunicipality
let yard: number

test.group('Priorities | the municipality learns its residents\' ranks over the bus and turns a priority into an order', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prm_portal')
    // the municipality's own tenant: slug = the municipality's code
    town = await problemsMunicipality('tuapsinsky')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
    await atMoment('2034-02-01T10:00', async () => {
      yard = (await publishedPriority(portal.tenant, { title: 'Благоустройство дворов Туапсе', level: 'municipal', municipalityCode: 'tuapsinsky', opensQuarter: '2034-Q1' })).id
      await publishedPriority(portal.tenant, { title: 'Региональные дороги', opensQuarter: '2034-Q1' })
      await livesIn(portal.tenant, portal.anna, 'tuapsinsky')
      await inTenant(portal.tenant, () => new CastVote().handle(portal.anna, { priorityId: yard }))
    })
  })

  test('sealing sends the municipality its rank; its heads see it and issue an order from the top priority, linked from the result', async ({ assert, client }) => {
    await atMoment('2034-04-01T00:30', () => inTenant(portal.tenant, () => new SealQuarterJob().handle()))
    await pump([portal.tenant, town.tenant])
    const received = await inTenant(town.tenant, () => tenantDb().from('priority_received_results').where('quarter', '2034-Q1').orderBy('rank'))
    assert.deepEqual(received.map((row) => [row.title, row.rank, row.votes]), [['Благоустройство дворов Туапсе', 1, 1], ['Региональные дороги', 2, 0]])
    assert.equal(received[0].portal, portal.tenant.slug)

    const executor = await sessionOf(client, town.host, town.housingExecutor.email)
    ;(await client.get('/priorities/received').header('host', town.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
    const head = await sessionOf(client, town.host, town.head.email)
    const page = await client.get('/priorities/received').header('host', town.host).withCookie(SESSION_COOKIE, head)
    page.assertStatus(200)
    assert.include(page.text(), 'Благоустройство дворов Туапсе')
    // the header names the kind of body (it said "translation missing: ru, kinds.municipality")
    assert.notInclude(page.text(), 'translation missing')

    const housing = await inTenant(town.tenant, () => tenantDb().from('departments').where('code', 'housing').firstOrFail())
    const fields = { portal: portal.tenant.slug, quarter: '2034-Q1', version: '1', priorityId: String(yard), departmentId: String(housing.id) }
    const done = await submitForm(client, town.host, head, '/priorities/received', '/priorities/received/order', fields)
    done.assertStatus(200)
    const result = await inTenant(town.tenant, () => tenantDb().from('priority_received_results').where({ quarter: '2034-Q1', priority_id: yard }).firstOrFail())
    assert.isNotNull(result.order_id)
    const order = await inTenant(town.tenant, () => tenantDb().from('orders').where('id', result.order_id).firstOrFail())
    assert.include(order.basis, 'Благоустройство дворов Туапсе')
    assert.include(order.basis, '2034-Q1')
    assert.include(done.text(), `href="/orders/${order.id}"`)
    // a second order from the same result is refused
    const again = await submitForm(client, town.host, head, '/priorities/received', '/priorities/received/order', fields)
    assert.include(again.text(), 'уже выдано')
    assert.lengthOf(await inTenant(town.tenant, () => tenantDb().from('orders').where('basis', order.basis)), 1)

    // the link back: the portal shows the order on the priority
    await pump([portal.tenant, town.tenant])
    assert.lengthOf(await inTenant(portal.tenant, () => tenantDb().from('priority_orders').where({ priority_id: yard, body: town.tenant.slug })), 1)
    const onPortal = await atMoment('2034-04-05T10:00', () => client.get('/priorities/municipalities/tuapsinsky').header('host', portal.host))
    assert.include(onPortal.text(), `поручение № ${order.number}`)
  })

  test('a correction reaches the municipality as a new version; the portal\'s result is not changed by anything the body does', async ({ assert }) => {
    await inTenant(portal.tenant, () => tenantDb().from('priority_ballots').where({ quarter: '2034-Q1', priority_id: yard }).update({ moderated_out_at: new Date() }))
    await atMoment('2034-04-05T10:00', () => inTenant(portal.tenant, () => new SealQuarter().handle('2034-Q1', { reason: 'Бюллетень исключён модератором' })))
    await pump([portal.tenant, town.tenant])
    const versions = await inTenant(town.tenant, () => tenantDb().from('priority_received_results').where({ quarter: '2034-Q1', priority_id: yard }).orderBy('version'))
    assert.deepEqual(versions.map((row) => [row.version, row.votes, row.reason]), [[1, 1, null], [2, 0, 'Бюллетень исключён модератором']])
  })

  test('the municipality\'s administration proposes a priority over the bus; it reaches the portal\'s admins as a suggestion for that municipality', async ({ assert, client }) => {
    const head = await sessionOf(client, town.host, town.head.email)
    const sent = await submitForm(client, town.host, head, '/priorities/received', '/priorities/received/proposals', {
      title: 'Освещение набережной Туапсе',
      description: 'Новые светильники вдоль всей набережной.',
      category: 'Благоустройство',
    })
    sent.assertStatus(200)
    await pump([portal.tenant, town.tenant])
    const proposed = await inTenant(portal.tenant, () => tenantDb().from('priority_items').where('title', 'Освещение набережной Туапсе').firstOrFail())
    assert.deepInclude(proposed, { level: 'municipal', municipality_code: 'tuapsinsky', status: 'suggested', proposed_by_body: town.tenant.slug, responsible_body: town.tenant.slug })
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const list = await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.include(list.text(), 'Освещение набережной Туапсе')
  })
})
