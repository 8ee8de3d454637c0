import { test } from '@japa/runner'
import type { BrowserContext } from 'playwright'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { publishDirectoryOf, pump } from '#tests/helpers/problems'
import { axeViolations } from '#tests/helpers/axe'
import { rowOf, suggestionsMunicipality, suggestionsPortal, type SuggestionsPortal } from '#tests/helpers/suggestions'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: SuggestionsPortal
let town: Awaited<ReturnType<typeof suggestionsMunicipality>>

const origin = browserOrigin

/**
 * axe over a page as `context`'s person sees it. The audit script is injected inline, which the pages' CSP
 * rightly forbids: it runs in a copy of the context that bypasses CSP, the story itself in the real one.
 */
async function audit(context: BrowserContext, url: string, label: string) {
  const copy = await context.browser()!.newContext({ bypassCSP: true, storageState: await context.storageState() })
  const page = await copy.newPage()
  await page.goto(url, { waitUntil: 'networkidle' })
  const found = await axeViolations(page, label)
  await copy.close()
  return found
}

test.group('Suggestions | browser | a route change reaches a municipality over the bus', (group) => {
  group.setup(async () => {
    portal = await suggestionsPortal('sgbportal')
    town = await suggestionsMunicipality('krymsky')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
    await inTenant(portal.tenant, () => tenantDb().from('suggestion_categories').where('code', 'transport_route').update({ threshold: 3 }))
  })

  test('a route drawn on the map gathers three supports, the municipality answers in its tenant, the portal shows the answer', async ({ browser, assert }) => {
    const violations: string[] = []

    // A citizen draws a new route on the map and submits it.
    const authorContext = await browser.newContext()
    const author = await authorContext.newPage()
    await signInAs(author, portal.host, portal.citizen.email)
    await author.goto(`${origin(portal.host)}/suggestions/new`, { waitUntil: 'networkidle' })
    violations.push(...(await audit(authorContext, author.url(), 'submit form')))
    await author.getByLabel('Категория').selectOption('transport_route')
    await author.getByLabel('Заголовок').fill('Новый автобусный маршрут через микрорайон Южный')
    await author.getByLabel('Суть предложения').fill('Пустить автобус от вокзала через микрорайон Южный до больницы: сейчас туда нет прямого транспорта.')
    const editor = author.locator('[data-route-editor]')
    await editor.waitFor()
    await editor.scrollIntoViewIfNeeded()
    const box = (await editor.boundingBox())!
    for (const [x, y] of [[0.3, 0.5], [0.5, 0.4], [0.7, 0.45]]) await author.mouse.click(box.x + box.width * x, box.y + box.height * y)
    const drawn = JSON.parse(await author.getByLabel('Маршрут в формате GeoJSON (LineString)').inputValue())
    assert.equal(drawn.type, 'LineString')
    assert.lengthOf(drawn.coordinates, 3)
    await author.getByRole('button', { name: 'Убрать последнюю точку' }).click()
    assert.lengthOf(JSON.parse(await author.getByLabel('Маршрут в формате GeoJSON (LineString)').inputValue()).coordinates, 2)
    await editor.scrollIntoViewIfNeeded()
    await author.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.45)
    await author.getByLabel('Муниципальное образование').selectOption('krymsky')
    await author.locator('#field-bodySlug').selectOption('krymsky')
    await author.getByRole('button', { name: 'Отправить на модерацию' }).click()
    await author.waitForURL(/\/suggestions\/\d+$/)
    const id = Number(author.url().split('/').pop())
    await author.getByText('Предложение на модерации').waitFor()
    assert.lengthOf((await rowOf(portal.tenant, 'suggestions', { id })).route.coordinates, 3)

    // A moderator publishes it.
    const moderatorContext = await browser.newContext()
    const moderator = await moderatorContext.newPage()
    await signInAs(moderator, portal.host, portal.moderator.email)
    await moderator.goto(`${origin(portal.host)}/suggestions/moderation`)
    violations.push(...(await audit(moderatorContext, moderator.url(), 'moderation')))
    await moderator.locator(`[data-publish="${id}"]`).click()
    await moderator.getByText('Предложение опубликовано.').waitFor()
    await moderatorContext.close()

    // Three neighbours support it; the third sends it to the municipality.
    for (const person of [portal.neighbour, portal.third, portal.fourth]) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await signInAs(page, portal.host, person.email)
      await page.goto(`${origin(portal.host)}/suggestions/${id}`, { waitUntil: 'networkidle' })
      await page.getByRole('button', { name: 'Поддержать' }).click()
      await page.locator('[data-supported]').waitFor()
      if (person === portal.fourth) await page.getByText('направлено в орган').first().waitFor()
      await context.close()
    }
    assert.equal((await rowOf(portal.tenant, 'suggestions', { id })).status, 'sent')

    await pump([portal.tenant, town.tenant])

    // The municipality's head answers in its own tenant, with an order to the roads department.
    const headContext = await browser.newContext()
    const head = await headContext.newPage()
    await signInAs(head, town.host, town.head.email)
    await head.goto(`${origin(town.host)}/suggestions/inbox`)
    violations.push(...(await audit(headContext, head.url(), 'inbox')))
    await head.getByRole('link', { name: 'Новый автобусный маршрут через микрорайон Южный' }).click()
    await head.locator('[data-suggestion-route] path').first().waitFor()
    violations.push(...(await audit(headContext, head.url(), 'case')))
    await head.getByLabel('Решение').selectOption('accepted')
    await head.getByLabel('Ответ', { exact: true }).fill('Маршрут № 12 пойдёт через микрорайон Южный с 1 апреля.')
    await head.getByLabel('Выдать поручение подразделению').selectOption({ label: 'Управление дорожного хозяйства и транспорта' })
    await head.getByRole('button', { name: 'Отправить ответ' }).click()
    await head.getByText('выдано поручение').first().waitFor()
    await headContext.close()

    await pump([portal.tenant, town.tenant])

    // The portal shows the answer, the order and the timeline; the route is drawn.
    const anonymousContext = await browser.newContext()
    const visitor = await anonymousContext.newPage()
    await visitor.goto(`${origin(portal.host)}/suggestions/${id}`, { waitUntil: 'networkidle' })
    await visitor.locator('[data-answer]', { hasText: 'Маршрут № 12 пойдёт через микрорайон Южный с 1 апреля.' }).waitFor()
    await visitor.locator('[data-order]').waitFor()
    assert.equal(await visitor.locator('[data-suggestion-route] path').count() > 0, true)
    assert.equal(await visitor.locator('[data-event="answered"]').count(), 1)
    violations.push(...(await audit(anonymousContext, visitor.url(), 'suggestion page')))
    for (const path of ['/suggestions', '/suggestions/map', '/suggestions/stats']) violations.push(...(await audit(anonymousContext, `${origin(portal.host)}${path}`, path)))
    // the map shows the route as a line
    await visitor.goto(`${origin(portal.host)}/suggestions/map`, { waitUntil: 'networkidle' })
    await visitor.locator('[data-suggestions-map] path').first().waitFor()
    await anonymousContext.close()
    violations.push(...(await audit(authorContext, `${origin(portal.host)}/suggestions/my`, 'my')))
    await authorContext.close()
    assert.deepEqual(violations, [])
  })
})
