import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import type { Page } from 'playwright'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { problemsPortal, publishDirectoryOf, pump, type ProblemsPortal } from '#tests/helpers/problems'
import { ensureTenant, ensureUser, hostOf, TEST_PASSWORD, rollupReady } from '#tests/helpers/tenants'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import type Tenant from '#tenancy/tenant'

const PORT = process.env.PORT
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
let office: OrdersOffice
let control: Tenant
let portal: ProblemsPortal
let orderId: number

interface Violation {
  id: string
  impact: string
  help: string
  nodes: { target: string[] }[]
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and lists what it finds, one line each. */
// The audit script is injected inline, which the pages' CSP rightly forbids: its contexts bypass CSP (bypassCSP).
async function violationsOn(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'load' })
  await page.addScriptTag({ path: AXE_SCRIPT })
  const violations = await page.evaluate<Violation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) })))`)
  return violations.map((violation) => `${url}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)
}

async function signIn(page: Page, host: string, email: string) {
  await page.context().clearCookies()
  await page.goto(`http://${host}:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForLoadState('load')
}

async function audit(page: Page, host: string, paths: string[]) {
  const found: string[] = []
  for (const path of paths) found.push(...(await violationsOn(page, `http://${host}:${PORT}${path}`)))
  return found
}

test.group('Accessibility | axe-core over the main pages', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    office = await ordersOffice('a11y_block')
    control = await ensureTenant('a11y_control', 'control')
    portal = await problemsPortal('a11y_portal')
    orderId = await inOffice(office, async () => {
      const draft = await new CreateOrder().handle(
        { type: 'order', text: 'Проверить доступность страниц', deadlineKeyword: 'promptly', responsible: `department:${office.departments.health.id}` },
        office.head
      )
      return (await new IssueOrder().handle(draft, office.head)).id
    })
  })

  test('a block: dashboard, orders, the order card and form, planner, monitoring, administration', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage()
    const found = await audit(page, office.host, ['/login'])
    await signIn(page, office.host, office.head.email)
    found.push(
      ...(await audit(page, office.host, [
        '/dashboard',
        '/orders',
        '/orders/new',
        `/orders/${orderId}`,
        '/orders/dashboard',
        '/orders/board',
        '/orders/effectiveness',
        '/orders/voice/new',
        '/programmes',
        '/planner',
        '/staffing',
        '/lawsuits',
        '/lawsuits/dashboard',
        '/ratings',
        '/media',
        '/notifications',
        '/account',
      ]))
    )
    assert.deepEqual(found, [])
  }).timeout(180_000)

  test('the Department of Control: region, effectiveness, reports', async ({ browser, assert }) => {
    const admin = await ensureUser(control, 'admin', 'admin@a11y-control.test')
    const page = await (await browser.newContext({ bypassCSP: true })).newPage()
    // by this point the suite holds ~200 bodies and the region effectiveness page reads them a few at a time
    page.setDefaultNavigationTimeout(120_000)
    await signIn(page, hostOf(control), admin.email)
    const found = await audit(page, hostOf(control), ['/control', '/control/effectiveness', '/control/reports', '/staffing/region', '/lawsuits/region', '/admin/users', '/admin/departments', '/admin/audit'])
    assert.deepEqual(found, [])
  }).timeout(300_000)

  test('the portal: home, problems list, map, statistics, registration; a citizen reporting, on a phone', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } })).newPage()
    const found = await audit(page, portal.host, ['/', '/problems', '/problems/map', '/problems/stats', '/register', '/login'])
    await signIn(page, portal.host, portal.citizen.email)
    found.push(...(await audit(page, portal.host, ['/problems/new', '/citizen/profile'])))
    // the routing page with the directory's grouped list of departments
    await publishDirectoryOf(office)
    await pump([office.tenant, portal.tenant])
    await signIn(page, portal.host, portal.admin.email)
    found.push(...(await audit(page, portal.host, ['/problems/admin/routing'])))
    assert.deepEqual(found, [])
  }).timeout(120_000)
})
