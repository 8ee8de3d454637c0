import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { inTenant } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { problemsBlock, publishDirectoryOf, pump, sessionOf, type ProblemsBlock } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

let portal: PrioritiesPortal
let roads: ProblemsBlock
let social: ProblemsBlock
let highway: number
let parks: number

test.group('Priorities | a block chosen as the responsible body gets its priorities\' sealed ranks and issues an order from one', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prk_portal')
    roads = await problemsBlock('prk_roads')
    social = await problemsBlock('prk_social')
    await publishDirectoryOf(roads)
    await publishDirectoryOf(social)
    await pump([portal.tenant, roads.tenant, social.tenant])
  })

  test('the responsible body is a choice from the portal\'s directory: an unknown one is a 422 in the user\'s language', async ({ assert, client }) => {
    await atMoment('2035-02-01T10:00', async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const form = await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      assert.match(form.text(), new RegExp(`<option value="${roads.tenant.slug}"`))
      const fields = { level: 'regional', title: 'Трасса вдоль побережья', description: 'Реконструкция краевой трассы вдоль побережья.', category: 'Дороги', opensQuarter: '2035-Q1' }
      const unknown = await postJson(client, portal.host, admin, '/priorities/admin', '/priorities/admin', { ...fields, responsibleBody: 'Минтранс (текстом)' })
      unknown.assertStatus(422)
      assert.equal(unknown.body().errors[0].field, 'responsibleBody')
      assert.equal(unknown.body().errors[0].message, 'Выберите ответственный орган из списка.')
      const created = await postJson(client, portal.host, admin, '/priorities/admin', '/priorities/admin', { ...fields, responsibleBody: roads.tenant.slug })
      created.assertStatus(200)
      highway = created.body().id
      // the admin's list names the body
      const adminList = await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      const known = await inTenant(portal.tenant, () => tenantDb().from('known_bodies').where('slug', roads.tenant.slug).firstOrFail())
      assert.include(adminList.text(), `data-responsible-body>${known.name_ru}<`)
      await postJson(client, portal.host, admin, '/priorities/admin', `/priorities/admin/${highway}/publish`, {})
      // the public list names the body, not its slug
      const list = await client.get('/priorities').header('host', portal.host)
      assert.include(list.text(), 'Трасса вдоль побережья')
      assert.notInclude(list.text(), `· ${roads.tenant.slug}`)
      assert.include(list.text(), `· ${known.name_ru}`)
    })
  })

  test('sealing sends the block only the ranks of its priorities; its head issues an order, linked back on the portal; a municipality-only action is not offered', async ({ assert, client }) => {
    await atMoment('2035-02-01T10:00', async () => {
      parks = (await publishedPriority(portal.tenant, { title: 'Парки Краснодара', opensQuarter: '2035-Q1' })).id
      await livesIn(portal.tenant, portal.anna, 'krasnodar')
      await livesIn(portal.tenant, portal.boris, 'sochi')
      await inTenant(portal.tenant, () => new CastVote().handle(portal.anna, { priorityId: highway }))
      await inTenant(portal.tenant, () => new CastVote().handle(portal.boris, { priorityId: highway }))
      await inTenant(portal.tenant, () => new CastVote().handle(portal.boris, { priorityId: parks }))
    })
    await atMoment('2035-04-01T00:30', () => inTenant(portal.tenant, () => new SealQuarterJob().handle()))
    await pump([portal.tenant, roads.tenant, social.tenant])
    // a block responsible for nothing gets nothing; nor does it see another block's ranks
    assert.lengthOf(await inTenant(social.tenant, () => tenantDb().from('priority_received_results')), 0)
    const received = await inTenant(roads.tenant, () => tenantDb().from('priority_received_results').where('quarter', '2035-Q1'))
    // the regional rank of its priority, nothing of others
    assert.deepEqual(received.map((row) => [row.priority_id, row.title, row.rank, row.votes]), [[highway, 'Трасса вдоль побережья', 1, 2]])

    const executor = await sessionOf(client, roads.host, roads.roadsExecutor.email)
    ;(await client.get('/priorities/received').header('host', roads.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
    const head = await sessionOf(client, roads.host, roads.head.email)
    const page = await client.get('/priorities/received').header('host', roads.host).withCookie(SESSION_COOKIE, head)
    page.assertStatus(200)
    assert.include(page.text(), 'Рейтинг приоритетов, за которые отвечает орган')
    assert.notInclude(page.text(), 'translation missing')
    assert.notInclude(page.text(), '/priorities/received/proposals')
    const proposal = await submitForm(client, roads.host, head, '/priorities/received', '/priorities/received/proposals', { title: 'Что-то', description: 'Описание предложения.', category: 'Дороги' })
    proposal.assertStatus(404)

    const department = await inTenant(roads.tenant, () => tenantDb().from('departments').where('code', 'roads').firstOrFail())
    const fields = { portal: portal.tenant.slug, quarter: '2035-Q1', version: '1', priorityId: String(highway), departmentId: String(department.id) }
    const done = await submitForm(client, roads.host, head, '/priorities/received', '/priorities/received/order', fields)
    done.assertStatus(200)
    const result = await inTenant(roads.tenant, () => tenantDb().from('priority_received_results').where({ quarter: '2035-Q1', priority_id: highway }).firstOrFail())
    assert.isNotNull(result.order_id)
    assert.include(done.text(), `href="/orders/${result.order_id}"`)
    // the basis speaks of the body's priority, not of a municipality's residents
    const order = await inTenant(roads.tenant, () => tenantDb().from('orders').where('id', result.order_id).firstOrFail())
    assert.equal(order.basis, 'Рейтинг приоритетов за 2035-Q1: 1-е место — «Трасса вдоль побережья»')

    await pump([portal.tenant, roads.tenant])
    assert.lengthOf(await inTenant(portal.tenant, () => tenantDb().from('priority_orders').where({ priority_id: highway, body: roads.tenant.slug })), 1)
  })
})
