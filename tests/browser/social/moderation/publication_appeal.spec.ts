import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { axeViolations } from '#tests/helpers/axe'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'
import { publicationById, publicationsPortal, smallPhoto, type PublicationsPortal } from '#tests/helpers/social_publications'

let portal: PublicationsPortal

/** A signed-in person in a context of their own (CSP bypassed for axe's injected script). */
async function personIn(browser: Browser, email: string, consoleErrors: string[]) {
  const context = await browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  page.on('console', (message) => {
    // the 404 of the hidden publication is asserted where it is expected
    if (message.type() === 'error' && !message.text().includes('status of 404')) consoleErrors.push(`${email}: ${message.text()}`)
  })
  await signInAs(page, portal.host, email)
  return page
}

const caseOf = (publicationId: number) =>
  inTenant(portal.tenant, () => tenantDb().from('social_moderation_cases').where({ kind: 'social.publication', item_id: publicationId }).firstOrFail())

test.group('Social moderation | browser | a publication with photos flagged, auto-hidden, appealed and restored', (group) => {
  group.setup(async () => {
    portal = await publicationsPortal('socappeal_portal')
  })

  test('three people flag Anna\'s publication → hidden; a moderator keeps it hidden; Anna appeals; another moderator overturns → back for everyone with its photos', async ({ browser, assert }) => {
    const consoleErrors: string[] = []
    const secondModerator = await ensureUser(portal.tenant, 'moderator', 'moderator2@socappeal-portal.test')
    const origin = browserOrigin(portal.host)

    // Anna publishes with two photos
    const anna = await personIn(browser, portal.anna.email, consoleErrors)
    await anna.goto(`${origin}/publications/new`)
    await anna.getByLabel('Заголовок', { exact: true }).fill('Сосед паркуется на газоне')
    await anna.getByLabel('Текст', { exact: true }).fill('Каждый вечер машина на газоне у дома 12. Фото прилагаю.')
    await anna.getByLabel('Тема', { exact: true }).selectOption({ label: 'Городская среда' })
    await anna.getByLabel('Фотографии', { exact: true }).setInputFiles([
      { name: 'lawn.png', mimeType: 'image/png', buffer: await smallPhoto('png', '#228833') },
      { name: 'car.jpg', mimeType: 'image/jpeg', buffer: await smallPhoto('jpeg', '#aa3333') },
    ])
    await anna.getByRole('button', { name: 'Опубликовать' }).click()
    await anna.waitForURL(/\/publications\/\d+$/)
    const publicationId = Number(anna.url().split('/').pop())
    const page = `${origin}/publications/${publicationId}`
    assert.equal(await anna.locator('[data-flag-kind="social.publication"]').count(), 0, 'the author is not offered to flag her own publication')

    // three distinct people flag it; the third flag hides it until a moderator decides
    const flaggers: Page[] = []
    for (const [index, email] of [portal.boris.email, portal.vera.email, portal.expert.email].entries()) {
      const person = await personIn(browser, email, consoleErrors)
      flaggers.push(person)
      await person.goto(page)
      assert.equal(await person.locator('article img').count() >= 2, true, 'both photos are shown')
      const flag = person.locator('[data-flag-kind="social.publication"]')
      await flag.getByText('Пожаловаться').click()
      if (index === 0) assert.deepEqual(await axeViolations(person, 'the publication page with the flag form open'), [])
      await flag.getByLabel('Персональные данные').check()
      await flag.getByLabel(/Комментарий/).fill('На фото номер машины')
      await flag.getByRole('button', { name: 'Отправить жалобу' }).click()
      // the third flag hides it: its page is gone for the reporter, who lands on the home page with the notice
      await person.getByText(index < 2 ? 'Спасибо, жалоба отправлена модераторам.' : 'Спасибо, жалоба отправлена. Материал скрыт до решения модератора.').waitFor()
      const hidden = (await publicationById(portal.tenant, publicationId))!.hiddenAt
      if (index < 2) assert.isNull(hidden, `still visible after ${index + 1} flag(s)`)
      else assert.isNotNull(hidden, 'hidden at the third distinct flag')
    }
    assert.equal((await flaggers[0].goto(page))!.status(), 404, 'gone for others')
    await anna.goto(page)
    await anna.locator('[data-hidden-note]').waitFor()

    // the first moderator looks at it and keeps it hidden, with a reason Anna sees
    const moderator = await personIn(browser, portal.moderator.email, consoleErrors)
    await moderator.goto(`${origin}/moderation`)
    const found = await caseOf(publicationId)
    const item = moderator.locator(`[data-case="${found.id}"]`)
    await item.locator('[data-action="hide"] summary').click()
    await item.locator('[data-action="hide"]').getByLabel('Обоснование (автор его увидит)').fill('На фотографии виден номер чужой машины')
    await item.locator('[data-action="hide"]').getByRole('button', { name: 'Скрыть' }).click()
    await moderator.getByText('Материал скрыт.').waitFor()

    // Anna appeals once, from her moderation page
    await anna.goto(`${origin}/moderation/mine`)
    await anna.getByText('На фотографии виден номер чужой машины').waitFor()
    assert.deepEqual(await axeViolations(anna, 'my moderation page with an appealable decision'), [])
    const form = anna.locator('[data-appeal-form]')
    await form.locator('summary').click()
    await form.getByLabel('Текст апелляции').fill('Номер на фото неразборчив, речь о газоне, а не о человеке')
    await form.getByRole('button', { name: 'Подать апелляцию' }).click()
    await anna.getByText('Апелляция подана. Её рассмотрит другой модератор.').waitFor()
    assert.equal(await anna.locator('[data-appeal-form]').count(), 0, 'an appeal is filed once')

    // the moderator who decided may not decide the appeal; the second one overturns it
    const appeal = await inTenant(portal.tenant, () => tenantDb().from('social_moderation_appeals').where('user_id', portal.anna.id).orderBy('id', 'desc').firstOrFail())
    await moderator.goto(`${origin}/moderation/appeals`)
    await moderator.locator(`[data-appeal="${appeal.id}"] [data-not-yours]`).waitFor()
    const second = await personIn(browser, secondModerator.email, consoleErrors)
    await second.goto(`${origin}/moderation/appeals`)
    const row = second.locator(`[data-appeal="${appeal.id}"]`)
    assert.include(await row.locator('[data-appeal-text]').innerText(), 'речь о газоне')
    assert.deepEqual(await axeViolations(second, 'the appeals page'), [])
    await row.getByLabel('Решение отменено').check()
    await row.getByLabel('Обоснование').fill('Номер не читается, публикация по делу')
    await row.getByRole('button', { name: 'Решить' }).click()
    await second.getByText('Решение по апелляции принято.').waitFor()

    // back for everyone, photos included; Anna is told
    assert.isNull((await publicationById(portal.tenant, publicationId))!.hiddenAt)
    assert.equal((await flaggers[0].goto(page))!.status(), 200)
    assert.isAtLeast(await flaggers[0].locator('article img').count(), 2)
    const thumbnail = (await flaggers[0].locator('article img').first().getAttribute('src'))!
    assert.equal(await flaggers[0].evaluate(async (src) => (await fetch(src)).status, thumbnail), 200, 'its photos are served again')
    await anna.goto(`${origin}/moderation/mine`)
    await anna.locator('[data-appeal-outcome="overturned"]').waitFor()

    assert.deepEqual(consoleErrors, [], consoleErrors.join('\n'))
    for (const person of [anna, moderator, second, ...flaggers]) await person.context().close()
  })
})
