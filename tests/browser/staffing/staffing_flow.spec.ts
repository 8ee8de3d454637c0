import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers/tenants'
import { seedPosition, staffingOffice, xlsxFile, type StaffingOffice } from '#tests/helpers/staffing'

const PORT = process.env.PORT
let office: StaffingOffice
const origin = () => `http://stfbrowser.localhost:${PORT}`

async function signInAs(page: Page, email: string) {
  await page.goto(`${origin()}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL(/\/dashboard$/)
}

const blockCompleteness = (page: Page) => page.locator('#block-completeness').innerText()

test.group('Staffing | browser | import a staff list, appoint a person, watch the dashboard', (group) => {
  group.setup(async () => {
    office = await staffingOffice('stfbrowser')
    await seedPosition(office, office.departments.health.id, { title: 'Консультант', approvedFte: 4 })
  })

  test('the block completeness follows an import and an appointment', async ({ browser, assert }) => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage()
    await signInAs(page, office.head.email)
    await page.goto(`${origin()}/staffing`)
    assert.equal(await blockCompleteness(page), '0 %')
    await page.locator('canvas[data-chart]').first().waitFor()

    // a staff list with two people and a bad row: first refused, then only the valid rows
    await page.getByRole('link', { name: 'Загрузить из файла' }).click()
    const file = await xlsxFile([
      ['Подразделение', 'Должность', 'Сотрудник', 'Статус', 'Ставка', 'С даты'],
      ['health', 'Консультант', 'Иванова А. А.', 'Замещает', 1, '2026-01-12'],
      ['health', 'Консультант', 'Петров Б. Б.', 'Замещает', 1, '2026-01-12'],
      ['health', 'Водитель', 'Сидоров В. В.', 'Замещает', 1, '2026-01-12'],
    ])
    await page.getByLabel('Что загружаем').selectOption('staff')
    await page.getByLabel('Файл', { exact: true }).setInputFiles({ name: 'состав.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
    await page.getByRole('button', { name: 'Загрузить' }).click()
    await page.getByText('Нет действующей должности «Водитель» в этом подразделении').waitFor()
    await page.getByText('Файл не загружен').waitFor()

    await page.getByLabel('Что загружаем').selectOption('staff')
    await page.getByLabel('Файл', { exact: true }).setInputFiles({ name: 'состав.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
    await page.getByLabel('Загрузить только строки без ошибок').check()
    await page.getByRole('button', { name: 'Загрузить' }).click()
    await page.getByText('Загружено строк: 2 из 3.').waitFor()

    await page.goto(`${origin()}/staffing`)
    assert.equal(await blockCompleteness(page), '50 %')

    // appoint a third person on the position's page
    await page.getByRole('link', { name: 'Минздрав' }).first().click()
    await page.getByRole('link', { name: 'Консультант' }).click()
    await page.getByLabel('Статус').selectOption('filled')
    await page.getByLabel('Сотрудник').fill('Кузнецова Г. Г.')
    await page.getByLabel('С даты').fill('2026-02-01')
    await page.getByRole('button', { name: 'Сохранить' }).first().click()
    await page.getByText('Состав должности обновлён.').waitFor()
    assert.include(await page.locator('#staff').innerText(), 'Кузнецова Г. Г.')

    await page.goto(`${origin()}/staffing`)
    assert.equal(await blockCompleteness(page), '75 %')
    assert.include(await page.locator('#completeness').innerText(), '75')
  }).timeout(90_000)
})
