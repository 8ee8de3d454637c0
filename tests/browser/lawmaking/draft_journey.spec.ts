import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import Draft from '#modules/lawmaking/models/draft'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { dayFromToday, printedDay, publicCopy } from '#tests/helpers/lawmaking_office'
import { signedPdf } from '#tests/helpers/expertise'
import { popplerText, searchable } from '#tests/helpers/documents'
import { leave, origin, personIn, runSummaryJob, timelineOf } from '#tests/helpers/lawmaking_browser'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

const TITLE = 'О поддержке добровольчества в Краснодарском крае'
const EXPERT = 'Иван Экспертов'
const ORGANISATION = 'Кубанский государственный университет'
/** Version 2: the accepted wording of article 1 and a shorter name for the government in article 2. */
const VERSION_2 = VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения').replace(
  'устанавливает высший исполнительный орган края',
  'устанавливает Правительство края'
)

test.group('Lawmaking | browser | a draft act from the department’s form to its final version', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmb_portal')
    block = await lawmakingBlock('lmb_block')
  })

  test('publish → two citizens remark → an expert concludes → the period ends → every remark decided → version 2 with its redline → the timeline', async ({ browser, assert }) => {
    const consoleErrors: string[] = []

    // 1. The roads department's head writes the draft in the form and publishes it for 15 days from today.
    const developer = await personIn(browser, block.host, block.roadsHead.email, consoleErrors)
    await developer.goto(`${origin(block.host)}/lawmaking/office/drafts`)
    await developer.getByRole('link', { name: 'Новый проект' }).click()
    await developer.getByLabel('Наименование проекта').fill(TITLE)
    await developer.getByLabel('Вид акта').selectOption({ label: 'Закон края' })
    await developer.getByLabel('Сфера регулирования').selectOption({ label: 'Социальная политика' })
    await developer.getByLabel('Уровень').selectOption({ label: 'Региональный' })
    await developer.getByLabel('Разработчик').selectOption({ label: 'Министерство транспорта и дорог' })
    await developer.getByLabel('Ответственный').selectOption({ label: block.roadsHead.fullName })
    await developer.getByLabel('Пояснительная записка').fill('Закон закрепляет меры поддержки добровольцев.')
    await developer.getByLabel('Текст проекта').fill(VOLUNTEERS_LAW)
    await developer.getByRole('button', { name: 'Сохранить' }).click()
    await developer.waitForURL(/\/lawmaking\/office\/drafts\/\d+$/)
    const draftId = Number(developer.url().split('/').pop())
    const draftPage = `${origin(block.host)}/lawmaking/office/drafts/${draftId}`
    await developer.getByText('Проект создан').waitFor()
    await developer.getByRole('heading', { name: 'Подготовленный текст редакции 1 (не опубликован)' }).waitFor()

    const publishing = developer.getByRole('region', { name: 'Опубликовать редакцию 1' })
    assert.equal(await publishing.getByLabel('Начало обсуждения').inputValue(), dayFromToday(0), 'the period starts today unless told otherwise')
    await publishing.getByLabel('Начало обсуждения').fill(dayFromToday(0))
    await publishing.getByLabel('Окончание обсуждения').fill(dayFromToday(14))
    await publishing.getByRole('button', { name: 'Опубликовать' }).click()
    await developer.getByText('Редакция 1 опубликована').waitFor()
    assert.equal(await developer.locator('.page-head [data-stage]').getAttribute('data-stage'), 'discussion')
    assert.include(await developer.locator('.facts').innerText(), `${printedDay(0)} — ${printedDay(14)}`)

    await pump(all())
    const copy = await publicCopy(portal, block, draftId)

    // 2. Two citizens find it in the catalogue and remark on clauses from the clause pages.
    const citizen = await personIn(browser, portal.host, portal.citizen.email, consoleErrors)
    await citizen.goto(`${origin(portal.host)}/lawmaking`)
    await citizen.getByRole('link', { name: TITLE }).click()
    await citizen.waitForURL(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)
    await citizen.getByText(`${printedDay(0)} — ${printedDay(14)}`).waitFor()
    await citizen.getByRole('link', { name: /— Статья 1$/ }).click()
    await citizen.getByRole('heading', { level: 1, name: 'Статья 1' }).waitFor()
    await citizen.getByLabel('Текст замечания').fill('Уточнить круг регулируемых отношений')
    await citizen.getByLabel('Фрагмент пункта, к которому замечание (необязательно; скопируйте его из текста)').fill('регулирует отношения')
    await citizen.getByLabel('Предлагаемая редакция').fill('Настоящий Закон регулирует общественные отношения в сфере добровольчества.')
    await citizen.getByLabel('Обоснование').fill('Так точнее и привычнее для законов края')
    await citizen.getByRole('button', { name: 'Отправить замечание' }).click()
    await citizen.getByText('Замечание отправлено разработчику').waitFor()
    const first = citizen.locator('[data-remark]', { hasText: 'Уточнить круг регулируемых отношений' })
    assert.include(await first.locator('[data-proposed]').innerText(), 'регулирует общественные отношения')
    assert.include(await first.locator('.lm-remark__fragment').innerText(), 'регулирует отношения')

    const neighbour = await personIn(browser, portal.host, portal.neighbour.email, consoleErrors)
    await neighbour.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)
    await neighbour.getByRole('link', { name: /— Статья 3$/ }).click()
    await neighbour.getByLabel('Текст замечания').fill('Десяти дней мало, чтобы подготовиться к закону')
    await neighbour.getByRole('button', { name: 'Отправить замечание' }).click()
    await neighbour.getByText('Замечание отправлено разработчику').waitFor()
    // back on the draft page the clause counts its remark
    await neighbour.getByRole('link', { name: TITLE }).click()
    await neighbour.getByRole('link', { name: '1 замечание — Статья 3' }).waitFor()
    await neighbour.getByRole('link', { name: '1 замечание — Статья 1' }).waitFor()
    await pump(all())

    // 3. A portal user applies as an expert; the moderator verifies the profile; the registry reaches the block.
    const expertUser = await ensureUser(portal.tenant, 'citizen', 'expert@lmb-portal.test')
    const expert = await personIn(browser, portal.host, expertUser.email, consoleErrors)
    await expert.goto(`${origin(portal.host)}/lawmaking/expert-profile`)
    await expert.getByLabel('Публичное имя').fill(EXPERT)
    await expert.getByLabel('Организация').fill(ORGANISATION)
    await expert.getByLabel('Квалификация (образование, опыт, учёная степень)').fill('Доктор юридических наук, 20 лет практики в административном праве.')
    await expert.getByLabel('Социальная политика').check()
    await expert.getByRole('button', { name: 'Отправить на проверку' }).click()
    await expert.getByText('Профиль отправлен на проверку').waitFor()

    const moderator = await personIn(browser, portal.host, portal.moderator.email, consoleErrors)
    await moderator.goto(`${origin(portal.host)}/lawmaking/experts/moderation`)
    await moderator.getByRole('region', { name: EXPERT }).getByRole('button', { name: 'Подтвердить' }).click()
    await moderator.getByText('Эксперт подтверждён').waitFor()
    await pump(all())
    // the social network shows the verified expert on their public profile, with the organisation
    await neighbour.goto(`${origin(portal.host)}/people/${expertUser.id}`)
    await neighbour.getByText('Подтверждённый эксперт').first().waitFor()
    assert.include(await neighbour.locator('body').innerText(), ORGANISATION)

    // 4. The developer invites the expert by field; the expert accepts and files a conclusion with a remark and a signed PDF.
    await developer.goto(draftPage)
    await developer.getByRole('link', { name: 'Экспертиза проекта' }).click()
    await developer.getByLabel('Область').selectOption({ label: 'Социальная политика' })
    await developer.getByRole('button', { name: 'Показать экспертов' }).click()
    await developer.getByLabel(`${EXPERT} — ${ORGANISATION}`).check()
    await developer.getByRole('button', { name: 'Пригласить выбранных' }).click()
    await developer.getByText('Приглашён 1 эксперт').waitFor()
    await pump(all())

    await expert.goto(`${origin(portal.host)}/lawmaking/expertise`)
    await expert.getByRole('link', { name: TITLE }).click()
    await expert.getByRole('button', { name: 'Принять приглашение' }).click()
    await expert.getByText('Приглашение принято').waitFor()
    await expert.getByLabel('Вывод').selectOption({ label: 'Поддерживается с замечаниями' })
    await expert.getByLabel('Текст заключения').fill('Проект поддерживается при условии уточнения мер поддержки.')
    const row = expert.getByRole('group', { name: 'Замечание 1' })
    await row.getByLabel('Пункт').selectOption({ label: 'Статья 2' })
    await row.getByLabel('Замечание', { exact: true }).fill('Назвать орган, устанавливающий порядок, прямо')
    await row.getByLabel('Предлагаемая редакция').fill('2. Порядок оказания поддержки устанавливает Правительство края.')
    await expert.getByLabel('Подписанный файл (PDF или открепленная подпись .sig/.p7s)').setInputFiles({ name: 'zaklyuchenie.pdf', mimeType: 'application/pdf', buffer: signedPdf() })
    await expert.getByRole('button', { name: 'Представить заключение' }).click()
    await expert.getByText('Заключение отправлено разработчику').waitFor()
    await pump(all())

    await developer.reload()
    const conclusion = developer.locator('[data-received-conclusion]')
    assert.include(await conclusion.getByRole('heading', { level: 2 }).innerText(), `${EXPERT}: Поддерживается с замечаниями`)
    const [download] = await Promise.all([developer.waitForEvent('download'), conclusion.getByRole('link', { name: 'Подписанный файл' }).click()])
    assert.match(download.suggestedFilename(), /^conclusion-\d+\.pdf$/)
    assert.equal(await download.failure(), null)

    // 5. The period ends: the hourly job, run for the day after its last day.
    assert.equal(await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod()))), 1)
    await pump(all())

    // 6. The developer decides on every remark; a rejection without a reason is refused in Russian first.
    await developer.goto(draftPage)
    await developer.getByRole('heading', { name: 'Замечания и предложения' }).waitFor()
    assert.equal(await developer.locator('.page-head [data-stage]').getAttribute('data-stage'), 'reaction')
    const remark = (text: string) => developer.locator('article.lmo-remark', { hasText: text })
    await remark('Уточнить круг регулируемых отношений').getByLabel('Учтено', { exact: true }).check()
    await remark('Уточнить круг регулируемых отношений').getByRole('button', { name: 'Сохранить решение' }).click()
    await developer.getByText('Решение по замечанию сохранено').waitFor()

    await remark('Десяти дней мало').getByLabel('Отклонено').check()
    await remark('Десяти дней мало').getByRole('button', { name: 'Сохранить решение' }).click()
    const reason = remark('Десяти дней мало').getByLabel('Обоснование решения')
    await remark('Десяти дней мало').getByText('Укажите обоснование решения').waitFor()
    assert.equal(await reason.getAttribute('aria-invalid'), 'true')
    await remark('Десяти дней мало').getByLabel('Отклонено').check()
    await reason.fill('Срок установлен законом о нормативных правовых актах края')
    await remark('Десяти дней мало').getByRole('button', { name: 'Сохранить решение' }).click()
    await developer.getByText('Решение по замечанию сохранено').waitFor()

    await remark('Назвать орган').getByLabel('Учтено частично').check()
    await remark('Назвать орган').getByLabel('Обоснование решения').fill('Орган назван, нумерация сохранена')
    await remark('Назвать орган').getByRole('button', { name: 'Сохранить решение' }).click()
    await developer.getByText('Решение по замечанию сохранено').waitFor()
    assert.equal(await developer.locator('[data-decision="none"]').count(), 0, 'every remark has a decision')
    assert.include(await developer.locator('[data-remark-totals]').innerText(), 'ждут решения: 0')
    await pump(all())

    // 7. Version 2: the text edited in the form, published as the final version (no period).
    await developer.getByRole('link', { name: 'Подготовить редакцию 2' }).click()
    await developer.getByLabel('Текст проекта').fill(VERSION_2)
    await developer.getByRole('button', { name: 'Сохранить' }).click()
    await developer.getByText('Проект сохранён').waitFor()
    const final = developer.getByRole('region', { name: 'Опубликовать редакцию 2' })
    await final.getByLabel('Что изменено').fill('Учтены замечания к статьям 1 и 2')
    await final.getByRole('button', { name: 'Опубликовать' }).click()
    await developer.getByText('Редакция 2 опубликована').waitFor()
    assert.equal(await developer.locator('.page-head [data-stage]').getAttribute('data-stage'), 'completed')
    assert.equal((await inTenant(block.tenant, () => Draft.findOrFail(draftId))).currentVersion, 2)
    await pump(all())

    // 8. On the portal: version 2, its redline, the decisions and the timeline.
    await citizen.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)
    await citizen.getByRole('heading', { name: 'Текст (редакция 2)' }).waitFor()
    assert.equal(await citizen.locator('.page-head [data-stage]').getAttribute('data-stage'), 'completed')
    assert.include(await citizen.locator('.lm-text').innerText(), 'регулирует общественные отношения')

    // the summary of proposals of version 1: "being prepared" until the worker has written it, then the page reloads into the file
    const summary = citizen.getByRole('region', { name: 'Сводка предложений' })
    assert.include(await summary.locator('[data-summary-version="1"]').innerText(), 'Редакция 1: 2 замечания', 'the citizens’ two (the expert’s remark is under the conclusion)')
    await summary.getByRole('link', { name: 'Скачать PDF' }).click()
    await citizen.getByRole('heading', { level: 1, name: 'Сводка предложений готовится' }).waitFor()
    assert.equal(await citizen.locator('#summary-pending').getAttribute('data-status'), 'queued')
    const downloading = citizen.waitForEvent('download', { timeout: 15_000 })
    assert.deepEqual(Object.keys(((await runSummaryJob(portal.tenant, copy.id, 1, 'ru')) as { done: object }).done).sort(), ['pdf', 'xlsx'])
    const pdf = await downloading
    assert.equal(pdf.suggestedFilename(), `summary-of-proposals-${copy.id}-v1.pdf`)
    const summaryText = searchable(await popplerText(await readFile((await pdf.path())!)))
    for (const expected of ['Сводка предложений', 'Уточнить круг регулируемых отношений', 'Десяти дней мало', 'Срок установлен законом о нормативных правовых актах края']) {
      assert.include(summaryText, expected)
    }
    await citizen.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)

    await citizen.getByRole('link', { name: 'Изменения: редакция 1 → 2' }).click()
    await citizen.getByRole('heading', { level: 1, name: 'Изменения: редакция 1 → 2' }).waitFor()
    assert.equal(await citizen.locator('[data-change-summary]').innerText(), 'Учтены замечания к статьям 1 и 2')
    assert.include(await citizen.locator('[data-counts]').innerText(), 'изменено: 2')
    assert.include(await citizen.locator('[data-view="inline"] ins').allInnerTexts().then((texts) => texts.join('|')), 'общественные')
    assert.include(await citizen.locator('[data-view="inline"] ins').allInnerTexts().then((texts) => texts.join('|')), 'Правительство')
    assert.include(await citizen.locator('[data-view="inline"] del').allInnerTexts().then((texts) => texts.join('|')), 'высший исполнительный орган')
    await citizen.getByRole('link', { name: 'Рядом' }).click()
    await citizen.locator('table[data-view="side"] ins', { hasText: 'общественные' }).first().waitFor()

    // the citizen's remark shows the developer's decision; the neighbour's the reason for rejecting it
    await citizen.goto(`${origin(portal.host)}/lawmaking/my-remarks`)
    await citizen.getByText('Уточнить круг регулируемых отношений').waitFor()
    await neighbour.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}?version=1`)
    await neighbour.getByRole('link', { name: /— Статья 3$/ }).click()
    const rejected = neighbour.locator('[data-remark]', { hasText: 'Десяти дней мало' }).locator('[data-decision]')
    assert.equal(await rejected.getAttribute('data-decision'), 'rejected')
    assert.include(await rejected.innerText(), 'Срок установлен законом о нормативных правовых актах края')

    // the conclusion is public now that the discussion is over
    await neighbour.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)
    await neighbour.getByRole('link', { name: 'Независимая экспертиза' }).click()
    await neighbour.getByText('Проект поддерживается при условии уточнения мер поддержки.').waitFor()

    await neighbour.goto(`${origin(portal.host)}/lawmaking/drafts/${copy.id}`)
    const events = await timelineOf(neighbour)
    for (const kind of ['version_published', 'discussion_opened', 'discussion_closed', 'remark_decided', 'completed']) {
      assert.include(events, kind, `the timeline shows ${kind}`)
    }
    assert.equal(events.filter((kind) => kind === 'version_published').length, 2)
    assert.isAtLeast(events.filter((kind) => kind === 'remark_decided').length, 2)
    const timeline = await neighbour.locator('.timeline').innerText()
    assert.include(timeline, `Открыто публичное обсуждение: с ${printedDay(0)} по ${printedDay(14)}`)
    assert.include(timeline, 'Срок установлен законом о нормативных правовых актах края')
    assert.include(timeline, 'Работа над проектом завершена (редакция 2)')

    await leave(developer, citizen, neighbour, expert, moderator)
    assert.deepEqual(consoleErrors, [])
  }).timeout(180_000)
})
