import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import AuditEntry from '#modules/identity/models/audit_entry'
import { lawsuitsOffice, submitFile, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { signIn, submitForm } from '#tests/helpers/http'
import { inOffice } from '#tests/helpers/tenants'

let office: LawsuitsOffice

const HEADER = 'Номер дела;Суд;Инстанция;Категория;Наша роль;Заявленная сумма;Подразделение;Юрист (e-mail);Истец;Дата заседания;Время заседания'

function csv(_office: LawsuitsOffice, rows: string[]) {
  return Buffer.from('\ufeff' + [HEADER, ...rows].join('\r\n') + '\r\n', 'utf8')
}

const numbersIn = (prefix: string) =>
  inOffice(office, async () => (await LawsuitCase.query().whereILike('number', `${prefix}%`).orderBy('number')).map((row) => row.number))

test.group('Lawsuits | import from XLSX and CSV', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('law_import')
  })

  test('bad rows are reported row by row in Russian and nothing is imported', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const file = csv(office, [
      `IMP-1;Ленинский районный суд г. Краснодара;первая;Трудовые споры;ответчик;120 000,50;health;${office.lawyer.email};Петров П. П.;2030-05-12;10:30`,
      `IMP-2;;пятая;Трудовые споры;ответчик;сто рублей;health;;;;`,
      `IMP-3;Ленинский районный суд г. Краснодара;appeal;labour;defendant;5000;нет такого;nobody@law-import.test;;12.05.2030;25:00`,
      `IMP-1;Ленинский районный суд г. Краснодара;первая;Трудовые споры;ответчик;1;health;;;;`,
    ])
    const response = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, {
      field: 'file', content: file, filename: 'дела.csv', contentType: 'text/csv',
    })
    response.assertStatus(422)
    const text = response.text()
    assert.include(text, 'Строк: 4, корректных: 1, импортировано: 0.')
    assert.include(text, 'Ничего не импортировано')
    assert.include(text, 'Строка 3:</strong> Заполните поле «Суд»')
    assert.include(text, 'Выберите значение поля «Инстанция» из списка')
    assert.include(text, 'Укажите сумму в рублях, например 150000 или 150000,50')
    assert.include(text, 'Строка 4:</strong> Укажите время в формате ЧЧ:ММ')
    assert.notInclude(text, 'Строка 2:')
    assert.include(text, 'Строка 5:</strong> Дело № IMP-1 в этом суде уже встречается в файле выше')
    assert.deepEqual(await numbersIn('IMP-'), [])
    // row 4's unknown department and lawyer are reported with its bad time, in the same pass
    assert.include(text, 'Подразделение «нет такого» не найдено')
    assert.include(text, 'Пользователь с адресом nobody@law-import.test не найден')
  })

  test('on request, the valid rows alone are imported in one go (with their hearing), and audited once', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const file = csv(office, [
      `VAL-1;Ленинский районный суд г. Краснодара;первая;Трудовые споры;ответчик;120 000,50;health;${office.lawyer.email};Петров П. П.;2030-05-12;10:30`,
      `VAL-2;;первая;Трудовые споры;ответчик;1;health;;;;`,
      `VAL-3;Арбитражный суд Краснодарского края;Апелляция;Договорные споры;Истец;99;Минздрав;;;;`,
    ])
    const response = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', { validOnly: 'true' }, {
      field: 'file', content: file, filename: 'cases.csv',
    })
    response.assertStatus(200)
    response.assertTextIncludes('Строк: 3, корректных: 2, импортировано: 2.')
    response.assertTextIncludes('Строка 3:')
    assert.deepEqual(await numbersIn('VAL-'), ['VAL-1', 'VAL-3'])
    const imported = await inOffice(office, () => LawsuitCase.query().where('number', 'VAL-1').preload('parties').preload('events').firstOrFail())
    assert.equal(imported.claimedAmount, 120000.5)
    assert.equal(imported.instance, 'first')
    assert.equal(imported.category, 'labour')
    assert.equal(imported.lawyerId, office.lawyer.id)
    assert.equal(imported.parties[0].name, 'Петров П. П.')
    assert.equal(imported.events[0].scheduledOn.toISODate(), '2030-05-12')
    assert.equal(imported.nextHearingOn?.toISODate(), '2030-05-12')
    const audit = await inOffice(office, () => AuditEntry.query().where('action', 'lawsuit.imported').orderBy('id', 'desc').firstOrFail())
    assert.equal(audit.details.imported, 2)
  })

  test('an XLSX file with English headers and real dates imports; messages follow the user\'s language', async ({ assert, client }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('cases')
    sheet.addRow(['Case number', 'Court', 'Instance', 'Category', 'Our role', 'Claimed amount', 'Department', 'Outcome', 'Decision date'])
    sheet.addRow(['XL-1', 'Krasnodar Regional Court', 'Cassation', 'Tax disputes', 'Defendant', 2500000, 'finance', 'Denied', new Date(Date.UTC(2026, 0, 15))])
    sheet.addRow(['XL-2', 'Krasnodar Regional Court', 'first', 'tax', 'defendant', -5, 'finance', 'Denied', ''])
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())

    const { session } = await signIn(client, office.host, office.lawyer.email)
    await submitForm(client, office.host, session, '/account', '/locale', { locale: 'en' })
    const bad = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, { field: 'file', content: buffer, filename: 'cases.xlsx' })
    bad.assertStatus(422)
    bad.assertTextIncludes('Row 3:</strong> Enter an amount in rubles')
    bad.assertTextIncludes('The Decision date field is required')

    const good = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', { validOnly: 'true' }, { field: 'file', content: buffer, filename: 'cases.xlsx' })
    good.assertTextIncludes('Rows: 2, valid: 1, imported: 1.')
    await submitForm(client, office.host, session, '/account', '/locale', { locale: 'ru' })
    const imported = await inOffice(office, () => LawsuitCase.findByOrFail('number', 'XL-1'))
    assert.equal(imported.instance, 'cassation')
    assert.equal(imported.outcome, 'denied')
    assert.equal(imported.decidedOn?.toISODate(), '2026-01-15')
    assert.equal(imported.departmentId, office.departments.finance.id)
  })

  test('a file that is not a spreadsheet, or lacks required columns, is refused; executors may not import', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const missing = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, {
      field: 'file', content: Buffer.from('Номер дела;Суд\nA;B\n'), filename: 'cases.csv',
    })
    missing.assertStatus(422)
    missing.assertTextIncludes('В файле нет обязательных столбцов: Инстанция, Категория, Наша роль, Заявленная сумма, Подразделение')
    const wrongType = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, {
      field: 'file', content: Buffer.from('MZ'), filename: 'cases.exe',
    })
    wrongType.assertTextIncludes('Файл «cases.exe»: недопустимый тип; разрешены: xlsx, csv')

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const refused = await client.get('/lawsuits/import').header('host', office.host).withCookie('krai-session', executor)
    refused.assertStatus(403)
  })
})
