import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { relayOutbox } from '#bus/relay'
import { applyInbox, loadBusHandlers } from '#bus/apply'
import { bus } from '#bus/bus'
import { tenantDb } from '#tenancy/tenant_model'
import Order from '#modules/orders/models/order'
import OrderReport from '#modules/orders/models/order_report'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

let control: Tenant
let block: OrdersOffice
let stranger: OrdersOffice
let controlToken: string
let blockTokens: Awaited<ReturnType<typeof tokensFor>>

/** Relays and applies every pending message until the tenants are quiet. */
async function pump() {
  await loadBusHandlers()
  for (let round = 0; round < 6; round++) {
    let moved = 0
    for (const tenant of [control, block.tenant, stranger.tenant]) {
      const relayed = await inTenant(tenant, () => relayOutbox())
      moved += Object.values(relayed).reduce((sum: number, value) => sum + (typeof value === 'number' ? value : 0), 0)
    }
    for (const tenant of [control, block.tenant, stranger.tenant]) {
      const applied = await inTenant(tenant, () => applyInbox())
      moved += Object.values(applied).reduce((sum: number, value) => sum + (typeof value === 'number' ? value : 0), 0)
    }
    if (!moved) return
  }
}

function controlApi(client: any, method: 'get' | 'post', path: string) {
  return client[method](`/api/v1${path}`).header('host', hostOf(control)).bearerToken(controlToken)
}

function blockApi(client: any, method: 'get' | 'post', path: string, who: keyof typeof blockTokens = 'healthHead') {
  return client[method](`/api/v1${path}`).header('host', block.host).bearerToken(blockTokens[who])
}

async function copyInBlock(orderId: number) {
  return inOffice(block, () => Order.query().where('origin_tenant', control.slug).where('origin_order_id', orderId).preload('executors').firstOrFail())
}

test.group('Orders | across tenants (Department of Control → a block)', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('xo_control', 'control')
    block = await ordersOffice('xo_block')
    stranger = await ordersOffice('xo_stranger')
  })
  group.each.setup(async ({ context }) => {
    const head = await ensureUser(control, 'head', 'head@xo-control.test')
    controlToken = await issueToken(context.client, hostOf(control), head.email)
    blockTokens = await tokensFor(context.client, block)
  })

  test('an order to a block department: the block works on its copy, every step flows back, the review flows forth', async ({ assert, client }) => {
    const created = await controlApi(client, 'post', '/orders').json({
      type: 'order',
      text: 'Обеспечить готовность больниц блока к паводку',
      deadlineKeyword: 'date',
      deadline: DateTime.now().plus({ days: 30 }).toISODate(),
      responsible: 'remote:xo_block:health',
      issue: true,
    })
    created.assertStatus(201)
    const order = created.body().data
    assert.deepEqual(order.executors[0].remote, { tenant: 'xo_block', department: 'health', number: null })

    await pump()
    const copy = await copyInBlock(order.id)
    assert.equal(copy.status, 'issued')
    assert.equal(copy.executors[0].departmentId, block.departments.health.id)
    assert.include(copy.basis!, order.number)
    const sent = (await controlApi(client, 'get', `/orders/${order.id}`)).body().data
    assert.equal(sent.executors[0].remote.number, copy.number)

    // The block's department head sees it as a normal order and starts it.
    ;(await blockApi(client, 'post', `/orders/${copy.id}/start`)).assertStatus(200)
    await pump()
    assert.equal((await controlApi(client, 'get', `/orders/${order.id}`)).body().data.status, 'in_progress')

    // An extension request crosses to the issuer, who approves it; the block's deadline follows.
    const later = DateTime.now().plus({ days: 60 }).toISODate()
    ;(await blockApi(client, 'post', `/orders/${copy.id}/extension`).json({ requestedDeadline: later, justification: 'Подрядчик сорвал поставку насосов' })).assertStatus(200)
    await pump()
    assert.equal((await controlApi(client, 'get', `/orders/${order.id}`)).body().data.status, 'extension_requested')
    ;(await controlApi(client, 'post', `/orders/${order.id}/extension/decision`).json({ decision: 'approve' })).assertStatus(200)
    await pump()
    const extended = await copyInBlock(order.id)
    assert.equal(extended.status, 'in_progress')
    assert.isAtLeast(extended.deadline!.toJSDate(), DateTime.now().plus({ days: 55 }).startOf('day').toJSDate())

    // A report is returned for rework, then a second one is accepted: both sides agree at every step.
    const report = () =>
      blockApi(client, 'post', `/orders/${copy.id}/report`).json({ text: 'Больницы обеспечены насосами и генераторами.', completedOn: DateTime.now().toISODate() })
    ;(await report()).assertStatus(200)
    await pump()
    assert.equal((await controlApi(client, 'get', `/orders/${order.id}`)).body().data.status, 'report_submitted')
    ;(await controlApi(client, 'post', `/orders/${order.id}/review`).json({ decision: 'return', comment: 'Нет актов проверки генераторов' })).assertStatus(200)
    await pump()
    assert.equal((await copyInBlock(order.id)).status, 'returned')
    const returned = await inOffice(block, () => OrderReport.query().where('order_id', copy.id).firstOrFail())
    assert.equal(returned.reviewComment, 'Нет актов проверки генераторов')

    ;(await report()).assertStatus(200)
    await pump()
    ;(await controlApi(client, 'post', `/orders/${order.id}/review`).json({ decision: 'accept' })).assertStatus(200)
    await pump()
    assert.equal((await copyInBlock(order.id)).status, 'accepted')
    assert.equal((await controlApi(client, 'get', `/orders/${order.id}`)).body().data.status, 'accepted')
  })

  test('a tenant cannot touch a part of an order that was not given to it', async ({ assert, client }) => {
    const created = await controlApi(client, 'post', '/orders').json({
      type: 'order', text: 'Проверить готовность мостов', deadlineKeyword: 'urgent', responsible: 'remote:xo_block:roads', issue: true,
    })
    const order = created.body().data
    await pump()
    // Another block forges a report on it: the control tenant refuses it; nothing changes.
    await inTenant(stranger.tenant, () =>
      tenantDb().transaction((trx) =>
        bus.send(trx, {
          to: control.slug,
          type: 'orders.report_submitted',
          payload: { orderId: order.id, executorId: order.executors[0].id, number: order.number, reportId: 1, text: 'Подделка', completedOn: null, submittedAt: new Date().toISOString() },
        })
      )
    )
    await pump()
    const after = (await controlApi(client, 'get', `/orders/${order.id}`)).body().data
    assert.equal(after.status, 'issued')
    assert.lengthOf(after.reports, 0)
    const refused = await inTenant(control, () =>
      tenantDb().from('bus_inbox').where('source_tenant', stranger.tenant.slug).where('type', 'orders.report_submitted').first()
    )
    assert.match(refused.last_error, /has no executor/)
  })

  test('only the control tenant names departments of blocks; unknown ones get a per-field message', async ({ assert, client }) => {
    const fromBlock = await blockApi(client, 'post', '/orders', 'head').json({
      type: 'order', text: 'Поручение соседнему блоку', deadlineKeyword: 'urgent', responsible: 'remote:xo_stranger:health',
    })
    fromBlock.assertStatus(422)
    const unknown = await controlApi(client, 'post', '/orders').json({
      type: 'order', text: 'Поручение несуществующему отделу', deadlineKeyword: 'urgent', responsible: 'remote:xo_block:nothing',
    })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'responsible')
  })
})
