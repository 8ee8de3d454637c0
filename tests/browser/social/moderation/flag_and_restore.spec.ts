import { test } from '@japa/runner'
import { ensureUser } from '#tests/helpers/tenants'
import { problemsPortal, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock } from '#tests/helpers/lawmaking'
import { leave, origin, personIn } from '#tests/helpers/lawmaking_browser'
import { axeViolations } from '#tests/helpers/axe'
import { auditedPersonIn, caseOf, remarkNow, remarkOn } from '#tests/helpers/social_moderation'

let portal: ProblemsPortal
let block: ProblemsBlock

test.group('Social moderation | browser | a remark flagged by three citizens, hidden, restored by a moderator', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('socmodb_portal')
    block = await lawmakingBlock('socmodb_block')
  })

  test('three citizens flag a remark with the shared control → hidden; the moderator restores it from the queue; the author is told; axe on the pages', async ({ browser, assert }) => {
    const consoleErrors: string[] = []
    const { draft, remark } = await remarkOn(portal, block, 'О порядке благоустройства дворов', portal.citizen, 'Авторы проекта ничего не понимают в благоустройстве')
    const third = await ensureUser(portal.tenant, 'citizen', 'third@socmodb-portal.test')
    const fourth = await ensureUser(portal.tenant, 'citizen', 'fourth@socmodb-portal.test')
    const clause = `${origin(portal.host)}${draft.page}`

    const reasons = ['Оскорбление', 'Оскорбление', 'Спам']
    const people = []
    for (const [index, email] of [portal.neighbour.email, third.email, fourth.email].entries()) {
      // the first audits the page (axe needs CSP bypassed); the others browse under the real CSP
      const person = await (index === 0 ? auditedPersonIn : personIn)(browser, portal.host, email, consoleErrors)
      people.push(person)
      await person.goto(clause)
      const item = person.locator(`#remark-${remark.id}`)
      await item.getByText('Пожаловаться').click()
      if (index === 0) assert.deepEqual(await axeViolations(person, 'the clause page with the flag form open'), [])
      await item.getByLabel(reasons[index]).check()
      await item.getByLabel(/Комментарий/).fill(`Жалоба № ${index + 1} <b>без разметки</b>`)
      await item.getByRole('button', { name: 'Отправить жалобу' }).click()
      await person.getByText('Спасибо, жалоба отправлена модераторам.').waitFor()
      if (index < 2) {
        assert.isNull((await remarkNow(portal, remark.id)).hiddenAt, `still visible after ${index + 1} flag(s)`)
        assert.equal(await person.locator(`#remark-${remark.id} [data-flagged]`).count(), 1, 'law-making marks it as flagged by this citizen')
      }
    }
    assert.isNotNull((await remarkNow(portal, remark.id)).hiddenAt, 'hidden at the third distinct flag')
    await people[0].goto(clause)
    assert.equal(await people[0].locator(`#remark-${remark.id}`).count(), 0, 'gone for other citizens')

    // the author sees why, on their own moderation page
    const author = await auditedPersonIn(browser, portal.host, portal.citizen.email, consoleErrors)
    await author.goto(`${origin(portal.host)}/moderation/mine`)
    await author.getByText('Скрыт автоматически по жалобам, ждёт решения модератора').waitFor()
    assert.deepEqual(await axeViolations(author, 'my moderation page'), [])

    // the moderator finds it in the queue (oldest first) and restores it with a reason
    const moderator = await auditedPersonIn(browser, portal.host, portal.moderator.email, consoleErrors)
    await moderator.goto(`${origin(portal.host)}/moderation`)
    const found = await caseOf(portal, remark.id)
    const item = moderator.locator(`[data-case="${found.id}"]`)
    await item.locator('[data-hidden]').waitFor()
    assert.include(await item.locator('[data-excerpt]').innerText(), 'Авторы проекта ничего не понимают')
    assert.include(await item.locator('[data-reasons]').innerText(), 'Оскорбление: 2')
    await item.getByText(/Комментарии к жалобам/).click()
    assert.include(await item.locator('[data-notes]').innerText(), '<b>без разметки</b>', 'notes shown as text')
    assert.deepEqual(await axeViolations(moderator, 'the moderation queue'), [])
    await item.locator('[data-action="restore"] summary').click()
    await item.locator('[data-action="restore"]').getByLabel('Обоснование (автор его увидит)').fill('Резко, но по существу проекта')
    await item.locator('[data-action="restore"]').getByRole('button', { name: 'Вернуть' }).click()
    await moderator.getByText('Материал возвращён.').waitFor()
    assert.isNull((await remarkNow(portal, remark.id)).hiddenAt)

    await people[0].goto(clause)
    assert.equal(await people[0].locator(`#remark-${remark.id}`).count(), 1, 'back for everyone')
    await author.goto(`${origin(portal.host)}/notifications`)
    await author.getByText(/снова виден всем/).first().waitFor()

    assert.deepEqual(consoleErrors, [], consoleErrors.join('\n'))
    await leave(...people, author, moderator)
  })
})
