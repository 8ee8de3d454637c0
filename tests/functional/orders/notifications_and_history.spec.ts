import { test } from '@japa/runner'
import OrderActivity from '#modules/orders/models/order_activity'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'

let office: OrdersOffice

test.group('Orders | notifications and history', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_notes')
  })

  test('the executor finds the new order in their notifications; nobody else sees them', async ({ assert, client }) => {
    const tokens = await tokensFor(client, office)
    const created = await client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
      type: 'order', text: 'Проверить готовность котельных', deadlineKeyword: 'urgent',
      responsible: `department:${office.departments.health.id}`, issue: true,
    })
    const number = created.body().data.number

    const { session } = await signIn(client, office.host, office.healthHead.email)
    const page = await client.get('/notifications').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes(`Вам поручено: ${number}`)
    page.assertTextIncludes('notification--unread')
    const read = await submitForm(client, office.host, session, '/notifications', '/notifications/read', {})
    assert.notInclude(read.text(), 'notification--unread')

    const outsider = await client.get('/api/v1/notifications').header('host', office.host).bearerToken(tokens.outsider)
    assert.notInclude(JSON.stringify(outsider.body().data), number)
  })

  test('the history is append-only: the database refuses to change an entry', async ({ assert }) => {
    await inOffice(office, async () => {
      const entry = await OrderActivity.query().firstOrFail()
      await assert.rejects(
        () => tenantDb().from('order_activities').where('id', entry.id).update({ action: 'rewritten' }),
        /append-only/
      )
    })
  })
})
