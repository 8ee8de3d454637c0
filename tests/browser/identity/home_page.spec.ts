import { test } from '@japa/runner'
import { clockDate } from '#core/clock'
import { regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: OrdersOffice
let overdueId: number

test.group('Identity | browser | the personal home page', (group) => {
  group.setup(async () => {
    office = await ordersOffice('homebrowser')
    await inOffice(office, async () => {
      for (const table of ['order_executors', 'orders', 'notifications']) await tenantDb().from(table).delete()
      const now = clockDate()
      const [row] = await tenantDb()
        .table('orders')
        .insert({
          number: 'ГЛ-1', type: 'order', issuer_id: office.head.id, text: 'Подготовить больницы к зиме', status: 'in_progress',
          deadline: regionToday().minus({ days: 2 }).toISODate(), issued_at: now, created_at: now, updated_at: now,
        })
        .returning('id')
      overdueId = Number(row.id)
      await tenantDb().table('order_executors').insert({ order_id: overdueId, role: 'responsible', user_id: office.healthExecutor.id, created_at: now, updated_at: now })
      await tenantDb().table('notifications').multiInsert(
        ['ГЛ-1', 'ГЛ-2'].map((number) => ({ user_id: office.healthExecutor.id, kind: 'order.assigned', data: { number }, link: `/orders/${overdueId}`, email_status: 'skipped', created_at: now }))
      )
    })
  })

  test('an executor signs in, sees their sections and the unread badge, and opens an overdue order', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage()
    await page.goto(`http://homebrowser.localhost:${PORT}/login`)
    await page.getByLabel('Электронная почта').fill(office.healthExecutor.email)
    await page.getByLabel('Пароль').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.waitForURL(/\/dashboard$/)

    await page.assertTextContains('h1', 'Главная')
    await page.getByRole('heading', { name: /Мои просроченные поручения/ }).waitFor()
    await page.getByRole('heading', { name: /Непрочитанные уведомления/ }).waitFor()
    // the badge reads as a number on screen and as words to a screen reader
    const notifications = page.getByRole('link', { name: /^Уведомления\s*\(2 непрочитанных\)$/ })
    assert.equal(await notifications.count(), 1)
    assert.equal((await page.locator('[data-nav-badge]').textContent())?.trim(), '2')
    if (process.env.KRAI_SCREENSHOTS) await page.screenshot({ path: `${process.env.KRAI_SCREENSHOTS}/home_executor_1366.png`, fullPage: true })

    // on a 360 px phone the sections stack and nothing scrolls sideways
    await page.setViewportSize({ width: 360, height: 740 })
    await page.reload()
    await page.getByRole('heading', { name: /Мои просроченные поручения/ }).waitFor()
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    assert.equal(overflow, 0)
    if (process.env.KRAI_SCREENSHOTS) await page.screenshot({ path: `${process.env.KRAI_SCREENSHOTS}/home_executor_360.png`, fullPage: true })

    await page.locator('[data-home-section="orders_overdue"]').getByRole('link', { name: /Подготовить больницы к зиме/ }).click()
    await page.waitForURL(new RegExp(`/orders/${overdueId}$`))
  })
})
