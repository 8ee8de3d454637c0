import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { problemsPortal, publishDirectoryOf, pump, type ProblemsPortal } from '#tests/helpers/problems'
import { ensureTenant, ensureUser, hostOf, inTenant, TEST_PASSWORD, rollupReady } from '#tests/helpers/tenants'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import type Tenant from '#tenancy/tenant'
import { systemActor } from '#core/audit'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { SubmitInitiative } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock, publishFinalVersion, publishedDraft } from '#tests/helpers/lawmaking'
import { publicCopy, remarkOn } from '#tests/helpers/lawmaking_office'
import { clauseKeyOf } from '#tests/helpers/lawmaking_portal'
import { municipalInitiative } from '#tests/helpers/lawmaking_initiatives'
import { axeViolations } from '#tests/helpers/axe'

const PORT = process.env.PORT
let office: OrdersOffice
let control: Tenant
let portal: ProblemsPortal
let orderId: number

/** Opens the page and lists what axe-core finds on it (tests/helpers/axe.ts), one line each. */
// The audit script is injected inline, which the pages' CSP rightly forbids: its contexts bypass CSP (bypassCSP).
async function violationsOn(page: Page, url: string) {
  const response = await page.goto(url, { waitUntil: 'load' })
  // an error page would pass the audit without saying anything about the page meant
  if (!response?.ok()) return [`${url}: HTTP ${response?.status()}`]
  return axeViolations(page, url)
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

  test('law-making: the portal’s catalogue, a draft, a clause with its remark form, a redline, the summary being prepared, statistics, initiatives, moderation; a body’s drafts and a draft in its reaction stage', async ({ browser, assert }) => {
    // one draft in the reaction stage with a remark to decide, another one completed in two versions (a redline), a published initiative
    const block = await lawmakingBlock('a11y_lm_block')
    const reacting = await publishedDraft(block)
    const revised = await publishedDraft(block)
    await pump([block.tenant, portal.tenant])
    await remarkOn(portal, block, reacting, portal.citizen, 'Статья 1', {
      text: 'Уточнить круг отношений',
      fragment: 'регулирует отношения',
      proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.',
      reason: 'Точнее',
    })
    await pump([block.tenant, portal.tenant])
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await publishFinalVersion(block, revised, VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения'), 'Уточнена статья 1')
    await pump([block.tenant, portal.tenant])
    const discussed = await publicCopy(portal, block, reacting)
    const twice = await publicCopy(portal, block, revised)
    const initiative = await inTenant(portal.tenant, async () => {
      const written = await new SubmitInitiative().handle(municipalInitiative('krasnodar'), portal.citizen)
      return new ModerateInitiative().handle(written.id, 'publish', null, systemActor('test'))
    })

    const page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } })).newPage()
    const lawmakingPages = [
      '/lawmaking',
      `/lawmaking/drafts/${discussed.id}`,
      `/lawmaking/drafts/${twice.id}/redline?from=1&to=2`,
      `/lawmaking/drafts/${twice.id}/redline?from=1&to=2&view=side`,
      // 202: the summary of proposals of version 1 being prepared (no worker here)
      `/lawmaking/drafts/${twice.id}/summary.pdf?version=1`,
      `/lawmaking/drafts/${discussed.id}/expertise`,
      '/lawmaking/stats',
      '/lawmaking/initiatives',
      `/lawmaking/initiatives/${initiative.id}`,
      `/lawmaking/initiatives/${initiative.id}/expertise`,
    ]
    const found = await audit(page, portal.host, lawmakingPages)
    await signIn(page, portal.host, portal.neighbour.email)
    found.push(...(await audit(page, portal.host, [`/lawmaking/drafts/${twice.id}/clauses/${await clauseKeyOf(portal, twice.id, 'Статья 1')}`, '/lawmaking/initiatives/new', '/lawmaking/expert-profile'])))
    await signIn(page, portal.host, portal.citizen.email)
    found.push(...(await audit(page, portal.host, [`/lawmaking/drafts/${discussed.id}/clauses/${await clauseKeyOf(portal, discussed.id, 'Статья 1')}`, '/lawmaking/my-remarks'])))
    await signIn(page, portal.host, portal.moderator.email)
    found.push(...(await audit(page, portal.host, ['/lawmaking/moderation', '/lawmaking/initiatives/moderation', '/lawmaking/experts/moderation', `/lawmaking/initiatives/${initiative.id}/expertise`])))

    const office = await (await browser.newContext({ bypassCSP: true })).newPage()
    await signIn(office, block.host, block.roadsHead.email)
    found.push(
      ...(await audit(office, block.host, [
        '/lawmaking/office/drafts',
        '/lawmaking/office/drafts/new',
        `/lawmaking/office/drafts/${reacting}`,
        `/lawmaking/office/drafts/${revised}`,
        `/lawmaking/office/drafts/${revised}/redline?from=1&to=2`,
        `/lawmaking/office/drafts/${reacting}/experts?field=social`,
        '/lawmaking/initiatives/inbox',
      ]))
    )
    assert.deepEqual(found, [])
  }).timeout(180_000)
})
