import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Page } from 'playwright'
import app from '@adonisjs/core/services/app'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'
import { axeViolations } from '#tests/helpers/axe'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

const execFileAsync = promisify(execFile)

/** axe-core's WCAG 2.1 A/AA findings on a page, one line each (as tests/browser/accessibility does). */
async function violationsOn(page: Page, path: string) {
  const response = await page.goto(`${origin()}${path}`, { waitUntil: 'load' })
  if (!response?.ok()) return [`${path}: HTTP ${response?.status()}`]
  return axeViolations(page, path)
}
let portal: PrioritiesPortal
const ids: Record<string, number> = {}
const origin = () => browserOrigin(portal.host)

async function voteFor(page: Page, priorityId: number) {
  await page.locator(`[data-priority="${priorityId}"]`).getByRole('button', { name: 'Голосовать' }).click()
  await page.getByText('Голос учтён.').waitFor()
}

test.group('Priorities | browser | three citizens of two municipalities vote; the quarter closes; the sealed result is recomputed', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prb_portal')
    await atMoment('2033-02-10T10:00', async () => {
      ids.roads = (await publishedPriority(portal.tenant, { title: 'Ремонт дорог между районами', opensQuarter: '2033-Q1' })).id
      ids.clinics = (await publishedPriority(portal.tenant, { title: 'Поликлиники в сёлах', opensQuarter: '2033-Q1' })).id
      ids.park = (await publishedPriority(portal.tenant, { title: 'Чистяковская роща', level: 'municipal', municipalityCode: 'krasnodar', opensQuarter: '2033-Q1' })).id
      ids.beach = (await publishedPriority(portal.tenant, { title: 'Набережная Адлера', level: 'municipal', municipalityCode: 'sochi', opensQuarter: '2033-Q1' })).id
      await livesIn(portal.tenant, portal.anna, 'krasnodar')
      await livesIn(portal.tenant, portal.boris, 'krasnodar')
    })
  })

  test('vote, close the quarter with the clock, see the sealed ranks, verify them', async ({ browser, assert }) => {
    await atMoment('2033-02-10T10:00', async () => {
      // Vera chooses Sochi in her profile, then votes for the region's clinics and Sochi's embankment
      const veraContext = await browser.newContext()
      const vera = await veraContext.newPage()
      await signInAs(vera, portal.host, portal.vera.email)
      await vera.goto(`${origin()}/citizen/profile`)
      await vera.getByLabel('Муниципальное образование проживания').selectOption({ label: 'город-курорт Сочи' })
      await vera.locator('[data-residence-form]').getByRole('button', { name: 'Сохранить' }).click()
      await vera.getByText('Муниципальное образование проживания сохранено.').waitFor()
      await vera.goto(`${origin()}/priorities`)
      assert.equal(await vera.locator(`[data-priority="${ids.park}"]`).count(), 0, 'Krasnodar’s own priorities are not offered to a resident of Sochi')
      await voteFor(vera, ids.clinics)
      await voteFor(vera, ids.beach)
      await veraContext.close()

      // two residents of Krasnodar
      for (const [person, choices] of [[portal.anna, [ids.roads, ids.park]], [portal.boris, [ids.roads, ids.clinics]]] as const) {
        const context = await browser.newContext()
        const page = await context.newPage()
        await signInAs(page, portal.host, person.email)
        await page.goto(`${origin()}/priorities`)
        for (const id of choices) await voteFor(page, id)
        await page.goto(`${origin()}/priorities/my`)
        assert.equal(await page.locator('[data-my-vote]').count(), 2)
        await context.close()
      }

      // before the close nobody sees a count
      const visitor = await browser.newPage()
      await visitor.goto(`${origin()}/priorities/results`)
      await visitor.locator('[data-no-results]').waitFor()
      await visitor.close()
    })

    // the clock moves to 00:30 on 1 April: the quarterly job seals Q1
    const sealed = await atMoment('2033-04-01T00:30', () => inTenant(portal.tenant, () => new SealQuarterJob().handle()))
    assert.deepInclude(sealed, { sealed: '2033-Q1', created: true })

    const page = await browser.newPage()
    await page.goto(`${origin()}/priorities/results`)
    await page.waitForURL(/\/priorities\/results\/2033-Q1$/)
    const regional = page.locator('[data-rank-row]')
    assert.equal(await regional.count(), 2)
    // two votes each; weighted by population, clinics (a third of Krasnodar's regional votes and all of Sochi's) lead roads (two thirds of Krasnodar's)
    assert.equal(await regional.first().getAttribute('data-rank-row'), String(ids.clinics))
    assert.equal(await regional.nth(1).getAttribute('data-rank-row'), String(ids.roads))
    const hash = (await page.locator('[data-sha256]').textContent())!.trim()
    assert.match(hash, /^[0-9a-f]{64}$/)
    await page.getByLabel('Рейтинг').selectOption({ label: 'город-курорт Сочи' })
    await page.getByRole('button', { name: 'Показать' }).click()
    await page.waitForURL(/scope=sochi/)
    assert.equal(await page.locator('[data-rank-row]').count(), 3)

    // the map: a circle at each of the 44 municipalities' centres; Sochi's leader took half of its residents' votes
    await page.getByRole('link', { name: 'Карта муниципальных образований' }).click()
    await page.waitForURL(/\/priorities\/results\/2033-Q1\/map$/)
    await page.locator('.priorities-map .leaflet-interactive').first().waitFor()
    assert.equal(await page.locator('.priorities-map .leaflet-interactive').count(), 44)
    assert.include(await page.locator('[data-map-row="sochi"]').innerText(), '50 %')
    await page.close()

    const { stdout } = await execFileAsync(process.execPath, ['ace', 'priorities:verify', '2033-Q1', `--tenant=${portal.tenant.slug}`], {
      cwd: app.makePath(),
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    assert.include(stdout, `2033-Q1 v1 (priorities-v1): verified`)
    assert.include(stdout, hash)
  })

  test('the pages pass axe (WCAG 2.1 AA), on a phone too', async ({ browser, assert }) => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 } })
    const page = await context.newPage()
    const found: string[] = []
    // a burst in the next quarter, so that the moderators' page lists single ballots with their forms
    await inTenant(portal.tenant, () =>
      tenantDb().table('priority_ballots').multiInsert(
        Array.from({ length: 100 }, (_, index) => ({
          receipt: `axe-burst-${String(index).padStart(3, '0')}`.padEnd(64, '0'),
          quarter: '2033-Q2',
          priority_id: ids.roads,
          municipality_code: 'anapa',
          cast_at: new Date(`2033-05-02T09:15:${String(index % 60).padStart(2, '0')}Z`),
        }))
      )
    )
    for (const path of ['/priorities/results/2033-Q1', '/priorities/results/2033-Q1/map', '/priorities/method', `/priorities/municipalities/sochi`]) found.push(...(await violationsOn(page, path)))
    await atMoment('2033-05-10T10:00', async () => {
      await signInAs(page, portal.host, portal.anna.email)
      for (const path of ['/priorities', '/priorities/my', '/citizen/profile']) found.push(...(await violationsOn(page, path)))
      await page.context().clearCookies()
      await signInAs(page, portal.host, portal.admin.email)
      const adminPages = ['/priorities/admin', '/priorities/admin/settings', `/priorities/admin/${ids.roads}/edit`, '/priorities/moderation?quarter=2033-Q2']
      for (const path of adminPages) found.push(...(await violationsOn(page, path)))
    })
    await context.close()
    assert.deepEqual(found, [])
  })
})
