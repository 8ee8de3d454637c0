import { test } from '@japa/runner'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import Draft from '#modules/lawmaking/models/draft'
import { inTenant } from '#tests/helpers/tenants'
import { problemsMunicipality, problemsPortal, publishDirectoryOf, pump, type ProblemsMunicipality, type ProblemsPortal } from '#tests/helpers/problems'
import { leave, origin, personIn, timelineOf } from '#tests/helpers/lawmaking_browser'

let portal: ProblemsPortal
let town: ProblemsMunicipality
const all = () => [portal.tenant, town.tenant]

const TITLE = 'Освещение пешеходных переходов у школ Крымского района'

test.group('Lawmaking | browser | a citizen’s initiative reaches a municipality and gets an answer', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmbi_portal')
    // Krymsky district's own administration, on krymsky.localhost, known to the portal through its directory
    town = await problemsMunicipality('krymsky')
    await publishDirectoryOf(town)
    await pump(all())
  })

  test('write → publish → support → forward to the district’s housing department → accepted for drafting → the answer and the timeline on the portal', async ({ browser, assert }) => {
    const consoleErrors: string[] = []

    // A citizen writes the concept.
    const citizen = await personIn(browser, portal.host, portal.citizen.email, consoleErrors)
    await citizen.goto(`${origin(portal.host)}/lawmaking/initiatives`)
    await citizen.getByRole('link', { name: 'Предложить инициативу' }).click()
    await citizen.getByLabel('Название').fill(TITLE)
    await citizen.getByLabel('Проблема').fill('Пешеходные переходы у школ вечером не освещены, дети переходят дорогу в темноте.')
    await citizen.getByLabel('Цель').fill('Обязать освещать переходы у школ с сентября по май.')
    await citizen.getByLabel('Предлагаемое регулирование').fill('Статья 1. Переходы у образовательных организаций освещаются в тёмное время суток.\nСтатья 2. Порядок освещения устанавливает администрация.')
    await citizen.getByLabel('Уровень').selectOption({ label: 'Муниципальный' })
    await citizen.getByLabel('Муниципальное образование').selectOption({ label: 'Крымский район' })
    await citizen.getByLabel('Сфера регулирования').selectOption({ label: 'Транспорт и дороги' })
    await citizen.getByRole('button', { name: 'Отправить на модерацию' }).click()
    await citizen.waitForURL(/\/lawmaking\/initiatives\/\d+$/)
    const id = Number(citizen.url().split('/').pop())
    await citizen.getByText('Инициатива отправлена на модерацию.').waitFor()
    assert.equal(await citizen.locator('.page-head [data-status]').getAttribute('data-status'), 'moderation')

    // The moderator publishes it from the moderation queue.
    const moderator = await personIn(browser, portal.host, portal.moderator.email, consoleErrors)
    await moderator.goto(`${origin(portal.host)}/lawmaking/initiatives/moderation`)
    await moderator.getByRole('link', { name: `№ ${id}: ${TITLE}` }).click()
    await moderator.getByRole('button', { name: 'Опубликовать' }).click()
    await moderator.getByText('Инициатива опубликована.').waitFor()

    // Another citizen finds it in the list and supports it.
    const neighbour = await personIn(browser, portal.host, portal.neighbour.email, consoleErrors)
    await neighbour.goto(`${origin(portal.host)}/lawmaking/initiatives`)
    await neighbour.getByRole('link', { name: TITLE }).click()
    await neighbour.getByRole('button', { name: 'Поддержать' }).click()
    await neighbour.getByText('Спасибо, ваша поддержка учтена.').waitFor()
    await neighbour.getByText('Вы поддержали эту инициативу.').waitFor()
    assert.match(await neighbour.locator('[data-supporters]').innerText(), /^1 из \d+$/)

    // Below the threshold, the moderator forwards it by decision to the district's housing department.
    await moderator.reload()
    await moderator.getByText(/Поддержка 1 из \d+: направить можно решением модератора/).waitFor()
    await moderator.getByLabel('Орган и подразделение').selectOption('krymsky/housing')
    await moderator.getByRole('button', { name: 'Направить' }).click()
    await moderator.getByText('Инициатива направлена в орган власти.').waitFor()
    assert.include(await moderator.locator('[data-authority]').innerText(), 'Управление ЖКХ')
    await pump(all())

    // The department's head answers in the district's inbox: accepted for drafting.
    const head = await personIn(browser, town.host, town.housingHead.email, consoleErrors)
    assert.equal(town.host, 'krymsky.localhost')
    await head.goto(`${origin(town.host)}/lawmaking/initiatives/inbox`)
    await head.getByRole('link', { name: TITLE }).click()
    await head.getByLabel('Решение').selectOption({ label: 'Принята к разработке проекта акта' })
    await head.getByLabel('Обоснование').fill('Проект постановления подготовит управление ЖКХ до конца квартала.')
    await head.getByRole('button', { name: 'Отправить ответ' }).click()
    await head.getByText('Ответ отправлен на портал; создан проект акта в подготовке.').waitFor()
    // the case links to the draft it produced, in preparation in the department
    await head.locator('[data-draft] a').click()
    await head.waitForURL(/\/lawmaking\/office\/drafts\/\d+$/)
    const draftId = Number(head.url().split('/').pop())
    const draft = await inTenant(town.tenant, () => Draft.findOrFail(draftId))
    assert.equal(draft.stage, 'preparation')
    const found = await inTenant(town.tenant, () => InitiativeCase.query().where('origin_initiative_id', id).where('origin_tenant', portal.tenant.slug).firstOrFail())
    assert.equal(found.draftId, draftId)
    await pump(all())

    // The portal shows the answer and the whole timeline; the author sees it on the initiative's page.
    await citizen.reload()
    assert.equal(await citizen.locator('.page-head [data-status]').getAttribute('data-status'), 'answered')
    const answer = citizen.locator('section[data-answer]')
    assert.equal(await answer.getAttribute('data-answer'), 'accepted_for_drafting')
    assert.equal(await answer.getByRole('heading').innerText(), 'Принята к разработке проекта акта')
    assert.include(await answer.innerText(), 'Проект постановления подготовит управление ЖКХ до конца квартала.')
    const events = await timelineOf(citizen, '.timeline [data-event]')
    for (const kind of ['submitted', 'published', 'forwarded', 'received', 'answered_accepted_for_drafting']) {
      assert.include(events, kind, `the timeline shows ${kind}`)
    }
    const timeline = await citizen.locator('.timeline').innerText()
    assert.include(timeline, 'Инициатива направлена: Управление ЖКХ')
    assert.include(timeline, 'Орган власти принял инициативу к разработке проекта акта')
    assert.equal((await inTenant(portal.tenant, () => Initiative.findOrFail(id))).answer, 'accepted_for_drafting')

    await leave(citizen, moderator, neighbour, head)
    assert.deepEqual(consoleErrors, [])
  }).timeout(120_000)
})
