import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { lawsuitsOffice, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let office: LawsuitsOffice

test.group('Lawsuits | browser | a case with a hearing', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('lawbrowser')
  })

  test('a lawyer registers a case, schedules a hearing and finds it among the upcoming hearings', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage()
    await page.goto(`http://lawbrowser.localhost:${PORT}/login`)
    await page.getByLabel('Электронная почта').fill(office.lawyer.email)
    await page.getByLabel('Пароль').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.waitForURL(/\/dashboard$/)

    await page.goto(`http://lawbrowser.localhost:${PORT}/lawsuits`)
    await page.getByRole('link', { name: 'Новое дело' }).click()
    await page.getByLabel('Номер дела').fill('А32-9090/2026')
    await page.getByLabel('Суд', { exact: true }).fill('Арбитражный суд Краснодарского края')
    await page.getByLabel('Инстанция').selectOption('first')
    await page.getByLabel('Категория').selectOption({ label: 'Договорные споры' })
    await page.getByLabel('Наша роль').selectOption({ label: 'Ответчик' })
    await page.getByLabel('Заявленная сумма').fill('2 350 000,00')
    await page.getByLabel('Подразделение').selectOption({ label: 'Минздрав' })
    await page.getByLabel('Ответственный юрист').selectOption({ label: office.lawyer.fullName })
    await page.getByLabel('Наименование стороны (Сторона 1)').fill('ООО «Медтехника»')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.waitForURL(/\/lawsuits\/\d+$/)
    await page.getByText('Дело создано.').waitFor()
    const caseUrl = page.url()

    const hearingDay = DateTime.now().plus({ days: 5 })
    const form = page.locator('form[action$="/hearings"]')
    await form.getByLabel('Дата заседания').fill(hearingDay.toISODate()!)
    await form.getByLabel('Время').fill('11:30')
    await form.getByLabel('Зал').fill('407')
    await form.getByRole('button', { name: 'Назначить заседание' }).click()
    await page.getByText('Заседание назначено.').waitFor()

    await page.goto(`http://lawbrowser.localhost:${PORT}/lawsuits`)
    await page.getByRole('link', { name: 'Ближайшие заседания' }).click()
    await page.waitForURL(/\/lawsuits\/hearings/)
    const row = page.locator('tr', { hasText: 'А32-9090/2026' })
    await row.waitFor()
    const text = await row.innerText()
    assert.include(text, hearingDay.setLocale('ru').toLocaleString())
    assert.include(text, '11:30')
    assert.include(text, '407')
    await row.getByRole('link', { name: 'А32-9090/2026' }).click()
    assert.equal(page.url(), caseUrl)
    // the page fits a phone: nothing scrolls sideways
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    assert.isAtMost(overflow, 0)
  }).timeout(90_000)
})
