import { test } from '@japa/runner'
import '#tests/helpers/documents'
import { openpyxlRows, pdfText, xlsxRows } from '#tests/helpers/documents'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { daysAgo, seedPosition, staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'

let office: StaffingOffice

test.group('Staffing | exports and the published structure', (group) => {
  group.setup(async () => {
    office = await staffingOffice('stf_export')
    await seedPosition(office, office.departments.health.id, { title: 'Министр', keyPost: 'head' }, [{ status: 'filled', personName: 'Секретов Тайна Личновна', since: daysAgo(30) }])
    await seedPosition(office, office.departments.health.id, { title: 'Консультант', approvedFte: 4 }, [
      { status: 'filled', personName: 'Приватная Анна', since: daysAgo(30), rate: 1 },
      { status: 'acting', personName: 'Скрытный Иван', since: daysAgo(30), rate: 1 },
    ])
    await seedPosition(office, office.departments.roads.id, { title: 'Главный бухгалтер', keyPost: 'chief_accountant' })
    // no longer in force: neither counted nor published
    await seedPosition(office, office.departments.roads.id, { title: 'Упразднённая должность', effectiveFrom: daysAgo(400), effectiveTo: daysAgo(10) })
  })

  test('the completeness table exports to XLSX with its figures and to PDF with its text', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const xlsx = await client.get('/staffing/export/completeness.xlsx').header('host', office.host).withCookie(SESSION_COOKIE, session)
    xlsx.assertStatus(200)
    xlsx.assertHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.deepEqual(rows[0], ['Подразделение', 'Штат, ставок', 'Факт, ставок', 'Вакантно, ставок', 'Укомплектованность, %', 'Уровень', 'Причины'])
    const byName = Object.fromEntries(rows.slice(1).map((row) => [row[0], row]))
    assert.deepEqual(byName['Минздрав'].slice(0, 6), ['Минздрав', '5', '2', '3', '40', 'Риск'])
    assert.include(byName['Минздрав'][6], 'Укомплектованность 40 %')
    assert.deepEqual(byName['Дороги'].slice(0, 6), ['Дороги', '1', '0', '1', '0', 'Риск'])
    assert.include(byName['Дороги'][6], 'Вакантна ключевая должность: Главный бухгалтер')
    assert.deepEqual(byName['Итого'].slice(0, 5), ['Итого', '6', '2', '4', '33.3'])

    const pdf = await client.get('/staffing/export/completeness.pdf').header('host', office.host).withCookie(SESSION_COOKIE, session)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const text = await pdfText(pdf.body() as Buffer)
    assert.include(text, 'Укомплектованность кадрами')
    assert.include(text, 'Минздрав')
    assert.include(text, 'Вакантна ключевая должность: Главный бухгалтер')
  })

  test('the establishment table exports in the import columns', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const xlsx = await client.get('/staffing/export/positions.xlsx').header('host', office.host).withCookie(SESSION_COOKIE, session)
    xlsx.assertStatus(200)
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.deepEqual(rows[0].slice(0, 7), ['Подразделение', 'Должность', 'Категория (разряд)', 'Штатная численность (ставок)', 'Ключевая должность', 'Действует с', 'Действует по'])
    assert.sameMembers(rows.slice(1).map((row) => `${row[0]}/${row[1]}`), ['health/Министр', 'health/Консультант', 'roads/Главный бухгалтер'])
    // «Действует с» is a real date cell shown as ДД.ММ.ГГГГ (the import reads it back as that day)
    const effectiveFrom = (await openpyxlRows(xlsx.body() as Buffer)).slice(1).map((row) => row[5])
    assert.isTrue(effectiveFrom.every((cell) => cell.type === 'd' && cell.format === 'dd.mm.yyyy' && /^\d{4}-\d{2}-\d{2}T00:00:00$/.test(String(cell.value))), JSON.stringify(effectiveFrom))
  })

  test('the public page and dataset show the structure without sign-in and without anyone\'s name', async ({ assert, client }) => {
    const page = await client.get('/staffing/public').header('host', office.host)
    page.assertStatus(200)
    page.assertTextIncludes('Консультант')
    page.assertTextIncludes('Минздрав')
    const json = await client.get('/staffing/public.json').header('host', office.host)
    json.assertStatus(200)
    assert.deepEqual(json.body().fields, ['department_code', 'department_ru', 'department_en', 'position', 'approved_fte', 'vacancies'])
    assert.deepEqual(
      json.body().rows.map((row: any) => [row.department_code, row.position, row.approved_fte, row.vacancies]),
      [['roads', 'Главный бухгалтер', 1, 1], ['health', 'Консультант', 4, 3], ['health', 'Министр', 1, 0]]
    )
    const csv = await client.get('/staffing/public.csv').header('host', office.host)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.equal(csv.text().split('\r\n')[0], 'department_code,department_ru,department_en,position,approved_fte,vacancies')
    assert.include(csv.text(), 'health,Минздрав,Health,Консультант,4,3')

    for (const body of [page.text(), JSON.stringify(json.body()), csv.text()]) {
      for (const name of ['Секретов', 'Приватная', 'Скрытный', 'Упразднённая']) assert.notInclude(body, name)
      assert.notInclude(body, 'since')
    }
  })
})
