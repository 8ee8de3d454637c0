import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import StaffingStaff from '#modules/staffing/models/staffing_staff'
import StaffingChange from '#modules/staffing/models/staffing_change'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { postImport, staffingOffice, xlsxFile, type StaffingOffice } from '#tests/helpers/staffing'
import { inOffice } from '#tests/helpers/tenants'

let office: StaffingOffice
const HEADER_RU = ['Подразделение', 'Должность', 'Категория (разряд)', 'Штатная численность (ставок)', 'Ключевая должность', 'Действует с', 'Действует по']

const countPositions = () => inOffice(office, async () => Number((await StaffingPosition.query().count('* as total').firstOrFail()).$extras.total))

test.group('Staffing | import from XLSX and CSV', (group) => {
  group.setup(async () => {
    office = await staffingOffice('stf_import')
  })

  test('a file with bad rows is reported row by row and nothing is imported', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const file = await xlsxFile([
      HEADER_RU,
      ['health', 'Министр', '', 1, 'Руководитель', new Date(Date.UTC(2024, 0, 1)), null],
      ['health', 'Консультант', 'ведущая', 'три', '', '2024-01-01', ''],
      ['nowhere', 'Специалист', '', 2, '', '2024-01-01', ''],
      ['roads', 'Инженер', '', 3, 'king', '2024-01-01', '2023-01-01'],
      ['health', 'Министр', '', 1, '', '01.01.2024', ''],
    ])
    const response = await postImport(client, office.host, session, { buffer: file, name: 'штат.xlsx' }, { kind: 'positions' })
    response.assertStatus(422)
    const html = response.text()
    assert.include(html, 'Файл не загружен: исправьте ошибки или загрузите только строки без ошибок (1 из 5).')
    const rows = [...html.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((match) => match.slice(1).join(' | '))
    assert.deepEqual(rows, [
      '3 | Штатная численность (ставок) | Поле «Штатная численность (ставок)» должно быть числом',
      '4 | Подразделение | Нет подразделения с кодом «nowhere»',
      '5 | Ключевая должность | Выберите значение поля «Ключевая должность» из списка',
      '5 | Действует по | Дата в поле «Действует по» не может быть раньше начала',
      '6 | Должность | Эта должность уже есть в строке 2',
    ])
    assert.equal(await countPositions(), 0)
  })

  test('import valid rows only: the valid ones in one go, the report lists the rest', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const file = await xlsxFile([
      HEADER_RU,
      ['health', 'Министр', '', 1, 'Руководитель', '2024-01-01', ''],
      ['health', 'Консультант', 'ведущая', '2,5', '', '2024-01-01', ''],
      ['nowhere', 'Специалист', '', 2, '', '2024-01-01', ''],
      ['roads', 'Инженер', '', 3, '', '2024-01-01', ''],
    ])
    const response = await postImport(client, office.host, session, { buffer: file, name: 'штат.xlsx' }, { kind: 'positions', validOnly: 'true' })
    response.assertStatus(200)
    response.assertTextIncludes('Загружено строк: 3 из 4.')
    response.assertTextIncludes('Пропущено строк с ошибками: 1.')
    response.assertTextIncludes('Нет подразделения с кодом «nowhere»')
    const positions = await inOffice(office, () => StaffingPosition.query().orderBy('title'))
    assert.deepEqual(positions.map((position) => [position.title, position.approvedFte, position.keyPost, position.status]), [
      ['Инженер', 3, null, 'vacant'],
      ['Консультант', 2.5, null, 'vacant'],
      ['Министр', 1, 'head', 'vacant'],
    ])
    const history = await inOffice(office, () => StaffingChange.query().where('action', 'position.created').count('* as total').firstOrFail())
    assert.isAbove(Number(history.$extras.total), 0)

    // the same file again changes nothing
    const again = await postImport(client, office.host, session, { buffer: file, name: 'штат.xlsx' }, { kind: 'positions', validOnly: 'true' })
    again.assertTextIncludes('Загружено строк: 0 из 4.')
    assert.equal(await countPositions(), 3)
  })

  test('a staff list from CSV (semicolons, English headers) fills positions; the dashboard follows', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const csv = [
      'department;position;personName;status;rate;since',
      'health;Министр;Иванов И. И.;Замещает;1;2024-02-01',
      'health;Консультант;Петрова П. П.;filled;1;2024-02-01',
      'health;Консультант;;vacant;1;2024-03-01',
      'roads;Инженер;Сидоров С. С.;Врио;1;2024-02-01',
    ].join('\n')
    const response = await postImport(client, office.host, session, { buffer: Buffer.from(csv), name: 'состав.csv' }, { kind: 'staff' })
    response.assertStatus(200)
    response.assertTextIncludes('Загружено строк: 4 из 4.')
    const consultant = await inOffice(office, () => StaffingPosition.findByOrFail('title', 'Консультант'))
    assert.equal(consultant.actualFte, 1)
    assert.equal(consultant.vacantSince?.toISODate(), '2024-03-01')
    const engineer = await inOffice(office, () => StaffingPosition.findByOrFail('title', 'Инженер'))
    assert.equal(engineer.status, 'acting')

    const dashboard = await client.get('/staffing').header('host', office.host).withCookie(SESSION_COOKIE, session)
    // health: 2 of 3.5 FTE = 57.1 %
    dashboard.assertTextIncludes('<td class="num">57,1</td>')

    const unknown = await postImport(client, office.host, session, { buffer: Buffer.from('department;position;personName;status;since\nhealth;Водитель;Кузнецов К. К.;filled;2024-01-01\nhealth;Министр;;filled;2024-01-01\n'), name: 'x.csv' }, { kind: 'staff' })
    unknown.assertStatus(422)
    unknown.assertTextIncludes('Нет действующей должности «Водитель» в этом подразделении')
    unknown.assertTextIncludes('Заполните поле «Сотрудник»')
    assert.equal(await inOffice(office, async () => (await StaffingStaff.query()).length), 4)
  })

  test('a complete staff list takes off the people of its departments it does not name, only when the file has no errors', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const positions = 'department;title;approvedFte;effectiveFrom\nhealth;Аналитик;2;2024-01-01\nroads;Техник;1;2024-01-01\n'
    ;(await postImport(client, office.host, session, { buffer: Buffer.from(positions), name: 'штат.csv' }, { kind: 'positions' })).assertStatus(200)
    const staff = [
      'department;position;personName;status;rate;since',
      'health;Аналитик;Орлов О. О.;filled;1;2024-02-01',
      'health;Аналитик;Соколова С. С.;filled;1;2024-02-01',
      'roads;Техник;Белов Б. Б.;filled;1;2024-02-01',
    ].join('\n')
    ;(await postImport(client, office.host, session, { buffer: Buffer.from(staff), name: 'состав.csv' }, { kind: 'staff' })).assertStatus(200)
    const open = (name: string) => inOffice(office, () => StaffingStaff.query().where('person_name', name).whereNull('ended_on').first())
    const openInHealth = () =>
      inOffice(office, async () =>
        (await StaffingStaff.query().where('department_id', office.departments.health.id).whereIn('status', ['filled', 'acting']).whereNull('ended_on')).map((row) => row.personName)
      )

    // an error in the file: the valid rows load, but nobody is taken off
    const withError = 'department;position;personName;status;rate;since\nhealth;Аналитик;Орлов О. О.;filled;1;2024-02-01\nhealth;Водитель;Кузнецов К. К.;filled;1;2024-01-01\n'
    const partial = await postImport(client, office.host, session, { buffer: Buffer.from(withError), name: 'состав.csv' }, { kind: 'staff', validOnly: 'true', completeList: 'true' })
    partial.assertStatus(200)
    partial.assertTextIncludes('никто не снят с должности')
    assert.isNotNull(await open('Соколова С. С.'))

    const before = await openInHealth()
    assert.includeMembers(before, ['Орлов О. О.', 'Соколова С. С.'])
    const complete = 'department;position;personName;status;rate;since\nhealth;Аналитик;Орлов О. О.;filled;1;2024-02-01\n'
    const response = await postImport(client, office.host, session, { buffer: Buffer.from(complete), name: 'состав.csv' }, { kind: 'staff', completeList: 'true' })
    response.assertStatus(200)
    response.assertTextIncludes(`назначения завершены сегодня: ${before.length - 1}.`)
    assert.deepEqual(await openInHealth(), ['Орлов О. О.'])
    const gone = await inOffice(office, () => StaffingStaff.query().where('person_name', 'Соколова С. С.').firstOrFail())
    assert.equal(gone.endedOn?.toISODate(), DateTime.now().setZone('Europe/Moscow').toISODate())
    assert.isNotNull(await open('Белов Б. Б.'), 'another department is not touched')
    const analyst = await inOffice(office, () => StaffingPosition.findByOrFail('title', 'Аналитик'))
    assert.equal(analyst.actualFte, 1)
    const history = await inOffice(office, () => StaffingChange.query().where('staff_id', gone.id).where('action', 'staff.ended').first())
    assert.isNotNull(history)

    // the same complete list again changes nothing
    const again = await postImport(client, office.host, session, { buffer: Buffer.from(complete), name: 'состав.csv' }, { kind: 'staff', completeList: 'true' })
    again.assertTextIncludes('Загружено строк: 0 из 1.')
    assert.notInclude(again.text(), 'назначения завершены сегодня')
  })

  test('a missing column, messages in English, and a department head limited to their department', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.healthHead.email)
    await submitForm(client, office.host, session, '/staffing', '/locale', { locale: 'en', back: '/staffing' })
    const missing = await postImport(client, office.host, session, { buffer: await xlsxFile([['department', 'title'], ['health', 'Водитель']]), name: 'a.xlsx' }, { kind: 'positions' })
    missing.assertStatus(422)
    missing.assertTextIncludes('<td>Approved FTE</td><td>The file lacks this required column</td>')

    const foreign = await postImport(
      client, office.host, session,
      { buffer: Buffer.from('department,title,approvedFte,effectiveFrom\nroads,Водитель,1,2024-01-01\nhealth,Водитель,1,2024-01-01\n'), name: 'b.csv' },
      { kind: 'positions' }
    )
    foreign.assertStatus(422)
    foreign.assertTextIncludes('You may not change department “roads”')
    assert.notInclude(foreign.text(), 'Водитель')

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const refused = await client.get('/staffing/import').header('host', office.host).withCookie(SESSION_COOKIE, executor)
    refused.assertStatus(403)
  })

  test('an unsupported file type is refused with a message', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const response = await postImport(client, office.host, session, { buffer: Buffer.from('hello'), name: 'notes.txt' }, { kind: 'positions' })
    response.assertStatus(302)
    const page = await client.get('/staffing/import').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes('Файл «notes.txt» в поле «Файл»: недопустимый тип; разрешены')
  })
})
