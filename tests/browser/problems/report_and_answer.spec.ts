import { test } from '@japa/runner'
import Problem from '#modules/problems/models/problem'
import { inTenant } from '#tests/helpers/tenants'
import { photoWithExif, problemsBlock, problemsPortal, pump, routeRule, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: ProblemsPortal
let block: ProblemsBlock

const origin = browserOrigin

test.group('Problems | browser | a citizen reports with a photo on the map, a department answers', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pbportal')
    block = await problemsBlock('pbblock')
    await routeRule(portal, portal.roads.id, block.tenant.slug, 'roads')
  })

  test('report on the map page → the department answers in its queue → the answer is on the problem page', async ({ browser, assert }) => {
    const citizenContext = await browser.newContext()
    const citizen = await citizenContext.newPage()
    await signInAs(citizen, portal.host, portal.citizen.email)
    await citizen.goto(`${origin(portal.host)}/problems/new`, { waitUntil: 'networkidle' })

    await citizen.getByLabel('Тема').selectOption({ label: 'Дороги и тротуары (ответ за 10 дней)' })
    await citizen.getByLabel('Муниципальное образование').selectOption({ label: 'город Краснодар' })
    // No tile server here: the map still takes a click, which fills the coordinates.
    const map = citizen.locator('[data-problem-picker]')
    await citizen.locator('[data-problem-picker].leaflet-container').waitFor()
    await map.click({ position: { x: 120, y: 100 } })
    const lat = await citizen.getByLabel('Широта').inputValue()
    const lng = await citizen.getByLabel('Долгота').inputValue()
    assert.match(lat, /^\d+\.\d{6}$/)
    assert.match(lng, /^\d+\.\d{6}$/)
    // and typed coordinates are what is sent
    await citizen.getByLabel('Широта').fill('45.040100')
    await citizen.getByLabel('Долгота').fill('38.976200')
    await citizen.getByLabel('Адрес', { exact: true }).fill('Краснодар, ул. Красная, 122')
    await citizen.getByLabel('Описание проблемы').fill('Провал асфальта у пешеходного перехода, глубина около 20 см.')
    await citizen.getByLabel('Фотографии').setInputFiles({ name: 'yama.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif(2400, 1800) })
    await citizen.getByRole('button', { name: 'Отправить' }).click()
    await citizen.waitForURL(/\/problems\/\d+$/)
    const problemId = Number(citizen.url().split('/').pop())
    await citizen.getByRole('heading', { level: 1 }).getByText(`Проблема № ${problemId}`).waitFor()
    assert.equal(await citizen.locator('img[alt^="Фотография к проблеме"]').count(), 1)
    const problem = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(problem.lat, 45.0401)
    assert.equal(problem.status, 'routed')

    await pump([portal.tenant, block.tenant])

    const staffContext = await browser.newContext()
    const staff = await staffContext.newPage()
    await signInAs(staff, block.host, block.roadsHead.email)
    await staff.goto(`${origin(block.host)}/problems/inbox`)
    await staff.getByRole('link', { name: 'Краснодар, ул. Красная, 122' }).click()
    await staff.getByLabel('Вид ответа').selectOption('resolved')
    await staff.getByLabel('Текст ответа').fill('Провал устранён, покрытие восстановлено.')
    await staff.getByLabel('Фотографии результата').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: await photoWithExif(600, 400) })
    await staff.getByRole('button', { name: 'Отправить ответ' }).click()
    await staff.getByText('Ответ отправлен и будет опубликован.').waitFor()

    await pump([portal.tenant, block.tenant])

    await citizen.reload()
    assert.equal((await citizen.locator('[data-answer]').textContent())?.trim(), 'Провал устранён, покрытие восстановлено.')
    assert.equal(await citizen.locator('img[alt="Фотография результата"]').count(), 1)
    // the citizen confirms the result
    await citizen.getByRole('button', { name: 'Проблема решена' }).click()
    await citizen.getByText('Спасибо! Проблема закрыта.').waitFor()
    await citizenContext.close()
    await staffContext.close()
  })

  test('the portal’s pages and the department queue fit a 360 px phone', async ({ browser, assert }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    const problem = await inTenant(portal.tenant, () => Problem.query().orderBy('id', 'desc').firstOrFail())
    await signInAs(page, portal.host, portal.citizen.email)
    for (const path of ['/problems', '/problems/map', '/problems/new', `/problems/${problem.id}`, '/problems/stats']) {
      await page.goto(`${origin(portal.host)}${path}`, { waitUntil: 'networkidle' })
      assert.equal(await overflow(), 0, `${path} scrolls sideways`)
    }
    await signInAs(page, block.host, block.roadsHead.email)
    await page.goto(`${origin(block.host)}/problems/inbox?status=resolved`)
    assert.equal(await overflow(), 0, 'the inbox scrolls sideways')
    await context.close()
  })
})
