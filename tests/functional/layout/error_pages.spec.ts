import { test } from '@japa/runner'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'

let office: OrdersOffice

test.group('Layout | 404 and 403 pages offer the way back', (group) => {
  group.setup(async () => {
    office = await ordersOffice('layout_errors')
  })

  test('a missing page links back to the page the person came from and to the home page', async ({ assert, client }) => {
    const session = await sessionOf(client, office.host, office.head.email)
    const page = await client.get('/orders/999999').header('host', office.host).header('referer', `http://${office.host}/orders?status=issued`).withCookie(SESSION_COOKIE, session)
    page.assertStatus(404)
    assert.include(page.text(), '<a class="button" href="/orders?status=issued">Вернуться назад</a>')
    assert.include(page.text(), '<a class="button button--ghost" href="/">На главную</a>')
  })

  test('a forbidden page in English links home; a referer from another site is not offered', async ({ assert, client }) => {
    const session = await sessionOf(client, office.host, office.outsider.email)
    const page = await client
      .get('/admin/users')
      .header('host', office.host)
      .header('referer', 'https://elsewhere.example/admin/users')
      .withCookie(SESSION_COOKIE, session)
      .withPlainCookie(LOCALE_COOKIE, 'en')
    page.assertStatus(403)
    assert.include(page.text(), 'Access denied')
    assert.include(page.text(), '<a class="button" href="/">Go to the home page</a>')
    assert.notInclude(page.text(), 'elsewhere.example')
    assert.notInclude(page.text(), 'Go back')
  })
})
