import { test } from '@japa/runner'
import type { BrowserContext, Page } from 'playwright'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { TEST_PASSWORD } from '#tests/helpers/tenants'
import User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'

const PORT = process.env.PORT
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
let office: OrdersOffice
let orderId: number
let secondOrderId: number

const origin = () => `http://ordmobile.localhost:${PORT}`

async function signInAs(page: Page, email: string) {
  await page.goto(`${origin()}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

/**
 * How many CSS pixels the page is wider than the phone's layout viewport
 * (0 = no sideways scroll). clientWidth, not innerWidth: a mobile browser
 * zooms out to show overflowing content, which would hide the overflow.
 */
async function horizontalOverflow(page: Page) {
  const [scrollWidth, clientWidth] = await page.evaluate<number[]>('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')
  if (clientWidth !== 360) throw new Error(`layout viewport is ${clientWidth} px, not the phone's 360`)
  return scrollWidth - clientWidth
}

/** Waits until the service worker controls the page (after the first load it does not yet). */
async function controlledBy(page: Page) {
  await page.evaluate('navigator.serviceWorker.ready')
  if (!(await page.evaluate<boolean>('!!navigator.serviceWorker.controller'))) await page.reload()
  return page.evaluate<string>('navigator.serviceWorker.controller.scriptURL')
}

test.group('Orders | browser | phone and installable app', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ordmobile')
    orderId = await inOffice(office, async () => {
      const head = await User.findOrFail(office.head.id)
      const order = await new CreateOrder().handle(
        {
          type: 'order',
          basis: 'Протокол совещания у вице-губернатора от 12.11.2026 № 45-ПР/2026 (раздел «Здравоохранение», пункт 3.14)',
          text: 'Обеспечить готовность медицинских организаций Краснодарского края к работе в период эпидемического подъёма заболеваемости гриппом и ОРВИ: сформировать неснижаемый запас лекарственных препаратов и средств индивидуальной защиты, организовать дополнительные приёмы.',
          deadlineKeyword: 'promptly',
          responsible: `department:${office.departments.health.id}`,
          coExecutors: [`department:${office.departments.roads.id}`],
        },
        head
      )
      await new IssueOrder().handle(order, head)
      return order.id
    })
    secondOrderId = await inOffice(office, async () => {
      const head = await User.findOrFail(office.head.id)
      const order = await new CreateOrder().handle(
        { type: 'order', text: 'Проверить запасы топлива в больницах', deadlineKeyword: 'urgent', responsible: `department:${office.departments.health.id}` },
        head
      )
      await new IssueOrder().handle(order, head)
      return order.id
    })
  })

  test('orders list, card, create form, voice form and dashboard fit a 360 px screen', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAs(page, office.head.email)
    for (const path of ['/orders', `/orders/${orderId}`, '/orders/new', '/orders/voice/new', '/orders/dashboard', '/dashboard']) {
      await page.goto(`${origin()}${path}`)
      await page.locator('h1').first().waitFor()
      if (process.env.KRAI_SCREENSHOTS) await page.screenshot({ path: `${process.env.KRAI_SCREENSHOTS}/phone${path.replace(/\//g, '_')}.png`, fullPage: true })
      assert.equal(await horizontalOverflow(page), 0, `${path} scrolls sideways`)
      // the stylesheet really applies (a wrongly cached copy would leave the page unstyled and narrow by accident)
      assert.isAbove(await page.evaluate<number>('document.styleSheets[0].cssRules.length'), 50)
    }
    // the executor's card has every action form
    await context.clearCookies()
    await signInAs(page, office.healthHead.email)
    await page.goto(`${origin()}/orders/${orderId}`)
    await page.locator('form[action$="/delegate"]').waitFor()
    assert.equal(await horizontalOverflow(page), 0, 'the executor card scrolls sideways')
    await context.close()
  }).timeout(90_000)

  test('the app is installable: manifest linked, service worker registered on the host root', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAs(page, office.head.email)
    await page.goto(`${origin()}/orders`)
    const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href')
    assert.equal(manifestHref, '/manifest.webmanifest')
    const manifest = await page.evaluate<any>(`fetch('/manifest.webmanifest').then((response) => response.json())`)
    assert.equal(manifest.start_url, '/orders')
    assert.equal(manifest.display, 'standalone')
    assert.isAtLeast(manifest.icons.length, 3)
    const scriptUrl = await controlledBy(page)
    assert.equal(scriptUrl, `${origin()}/sw.js`)
    assert.equal(await page.evaluate<string>('navigator.serviceWorker.ready.then((registration) => registration.scope)'), `${origin()}/`)
    await context.close()
  }).timeout(90_000)

  test('offline: visited pages open from the cache, a change is queued and sent when the connection returns', async ({ browser, assert }) => {
    const context: BrowserContext = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAs(page, office.healthHead.email)
    await page.goto(`${origin()}/orders`)
    await controlledBy(page)
    // visit the pages online once: the service worker keeps their copies
    await page.goto(`${origin()}/orders`)
    await page.goto(`${origin()}/orders/${orderId}`)
    await page.getByRole('button', { name: 'Принять в работу' }).waitFor()

    await context.setOffline(true)
    await page.goto(`${origin()}/orders`)
    await page.locator('h1', { hasText: 'Поручения' }).waitFor()
    await page.locator('[data-offline-banner]', { hasText: 'Нет связи' }).waitFor()
    await page.goto(`${origin()}/orders/calendar`)
    await page.locator('h1', { hasText: 'Нет связи' }).waitFor()

    // a change made offline waits in the queue
    await page.goto(`${origin()}/orders/${orderId}`)
    await page.getByRole('button', { name: 'Принять в работу' }).click()
    await page.waitForURL(`${origin()}/orders/${orderId}`)
    await page.locator('[data-offline-banner]', { hasText: 'изменений в очереди: 1' }).waitFor()
    assert.equal((await inOffice(office, () => Order.findOrFail(orderId))).status, 'issued')

    // back online: replayed with a fresh CSRF token
    await context.setOffline(false)
    await page.locator('[data-offline-banner]', { hasText: 'Изменения из очереди отправлены: 1' }).waitFor()
    assert.equal((await inOffice(office, () => Order.findOrFail(orderId))).status, 'in_progress')
    await page.reload()
    await page.getByText('В работе', { exact: true }).first().waitFor()
    await context.close()
  }).timeout(90_000)

  test('a change queued before the session ended is sent after signing in again, with the new session\'s token', async ({ browser, assert }) => {
    const context: BrowserContext = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAs(page, office.healthHead.email)
    await page.goto(`${origin()}/orders`)
    await controlledBy(page)
    await page.goto(`${origin()}/orders/${secondOrderId}`)

    await context.setOffline(true)
    await page.getByRole('button', { name: 'Принять в работу' }).click()
    await page.locator('[data-offline-banner]', { hasText: 'изменений в очереди: 1' }).waitFor()

    // the session ends while offline (the queued form carries its CSRF token)
    await context.clearCookies()
    await context.setOffline(false)
    await page.locator('[data-offline-banner]', { hasText: 'Войдите снова' }).waitFor()
    assert.equal((await inOffice(office, () => Order.findOrFail(secondOrderId))).status, 'issued')

    // a new session: the queue is replayed with a token read from a fresh page
    await signInAs(page, office.healthHead.email)
    await page.locator('[data-offline-banner]', { hasText: 'Изменения из очереди отправлены: 1' }).waitFor()
    assert.equal((await inOffice(office, () => Order.findOrFail(secondOrderId))).status, 'in_progress')
    await context.close()
  }).timeout(90_000)
})
