import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import Problem from '#modules/problems/models/problem'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal, reportWithPhoto, type ProblemsPortal } from '#tests/helpers/problems'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: ProblemsPortal
let existing: { problemId: number; photoId: number }

const origin = browserOrigin

test.group('Problems | browser | the portal home and duplicate suggestions', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pbhome')
    // a roads problem with a photo at 45.04, 38.98, filed by the citizen
    existing = await reportWithPhoto(portal, 'Краснодар, ул. Соседская, 4')
  })

  test('the home page shows recent problems with photos, counts by status and the map with markers', async ({ browser, assert }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${origin(portal.host)}/`, { waitUntil: 'networkidle' })
    await page.getByRole('heading', { name: 'Новые сообщения' }).waitFor()
    const card = page.locator(`[data-home-recent] [data-problem="${existing.problemId}"]`)
    assert.include(await card.innerText(), 'Краснодар, ул. Соседская, 4')
    assert.equal(await card.locator('img.problem-thumb').getAttribute('src'), `/problems/${existing.problemId}/photos/${existing.photoId}`)
    // the photo really loads
    assert.isAbove(await card.locator('img.problem-thumb').evaluate((img: any) => img.naturalWidth), 0)
    const awaiting = await inTenant(portal.tenant, async () => Number((await tenantDb().from('problems').whereNull('hidden_at').where('status', 'awaiting_routing').count('* as n'))[0].n))
    assert.equal(await page.locator('[data-home-counts] [data-status="awaiting_routing"] strong').innerText(), String(awaiting))
    // the map is drawn and shows the problems of the region as markers
    await page.locator('[data-problems-map].leaflet-container').waitFor()
    await page.locator('[data-problems-map] path.leaflet-interactive').first().waitFor()
    assert.isAtLeast(await page.locator('[data-problems-map] path.leaflet-interactive').count(), 1)
    assert.equal(await page.getByText('появятся здесь').count(), 0)
    await context.close()
  })

  test('reporting nearby: "use my location" fills the point, the duplicate shows title, photo, distance and status, and "me too" endorses in one click', async ({ browser, assert }) => {
    const context = await browser.newContext({ geolocation: { latitude: 45.0404, longitude: 38.9801 }, permissions: ['geolocation'] })
    const page = await context.newPage()
    await signInAs(page, portal.host, portal.neighbour.email)
    await page.goto(`${origin(portal.host)}/problems/new`, { waitUntil: 'networkidle' })
    await page.getByLabel('Тема').selectOption({ label: 'Дороги и тротуары (ответ за 10 дней)' })
    await page.getByLabel('Муниципальное образование').selectOption({ label: 'город Краснодар' })

    await page.getByRole('button', { name: 'Моё местоположение' }).click()
    await page.waitForFunction(`document.querySelector('[name=lat]').value !== ''`)
    assert.equal(await page.getByLabel('Широта').inputValue(), '45.040400')
    assert.equal(await page.getByLabel('Долгота').inputValue(), '38.980100')

    const offered = page.locator(`[data-nearby-problem="${existing.problemId}"]`)
    await offered.waitFor()
    const text = await offered.innerText()
    assert.include(text, 'Дороги и тротуары: Краснодар, ул. Соседская, 4')
    assert.match(text, /(^|\D)4\d м(\s|$)/, 'about 45 m away')
    assert.include(text, 'Ожидает направления')
    assert.include(text, 'Поддержали: 0')
    assert.equal(await offered.locator('img.problem-thumb').getAttribute('src'), `/problems/${existing.problemId}/photos/${existing.photoId}`)

    await offered.getByRole('button', { name: 'Поддержать' }).click()
    await offered.getByText('Вы поддержали').waitFor()
    assert.include(await offered.innerText(), 'Поддержали: 1')
    assert.equal(await offered.getByRole('button', { name: 'Поддержать' }).count(), 0)
    const endorsed = await inTenant(portal.tenant, () => Problem.findOrFail(existing.problemId))
    assert.equal(endorsed.endorsementsCount, 1)
    // nothing was reported: the form is still here, unsent
    assert.match(page.url(), /\/problems\/new$/)
    await context.close()
  })
})
