import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import AuditEntry from '#modules/identity/models/audit_entry'
import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { ensureTenant, ensureUser, hostOf, inOffice } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'

let office: LawsuitsOffice

const validCase = (office: LawsuitsOffice, number: string) => ({
  number,
  court: 'Арбитражный суд Краснодарского края',
  instance: 'first',
  judge: 'Иванова А. А.',
  category: 'contract',
  ourRole: 'defendant',
  claimedAmount: '1 500 000,50',
  departmentId: String(office.departments.health.id),
  lawyerId: String(office.lawyer.id),
  'parties[0][role]': 'plaintiff',
  'parties[0][name]': 'ООО «Стройсервис»',
  'parties[1][role]': 'defendant',
  'parties[1][name]': 'Министерство здравоохранения',
  'parties[2][role]': 'third_party',
  'parties[2][name]': '',
})

test.group('Lawsuits | cases | form, card, edit, appeal chain', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('law_cases')
  })

  test('a lawyer registers a case; amounts are kept exactly and shown as rubles; the action is audited', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const created = await submitForm(client, office.host, session, '/lawsuits/new', '/lawsuits', validCase(office, 'А32-1001/2026'))
    created.assertTextIncludes('Дело создано.')
    created.assertTextIncludes('Дело № А32-1001/2026')
    created.assertTextIncludes('ООО «Стройсервис»')
    created.assertTextIncludes('1\u00a0500\u00a0000,50\u00a0₽')
    const lawsuit = await inOffice(office, () => LawsuitCase.query().where('number', 'А32-1001/2026').preload('parties').firstOrFail())
    assert.equal(lawsuit.claimedAmount, 1500000.5)
    assert.equal(lawsuit.parties.length, 2)
    assert.equal(lawsuit.departmentId, office.departments.health.id)
    const audit = await inOffice(office, () => AuditEntry.query().where('action', 'lawsuit.created').where('subject_id', String(lawsuit.id)).first())
    assert.equal(audit?.actorId, office.lawyer.id)
  })

  test('bad input: per-field messages in Russian and in English; a taken number is refused', async ({ client, assert }) => {
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const bad = await submitForm(client, office.host, session, '/lawsuits/new', '/lawsuits', {
      ...validCase(office, ''), court: '', instance: 'fifth', claimedAmount: 'миллион', outcome: 'satisfied',
    })
    bad.assertTextIncludes('Заполните поле «Номер дела»')
    bad.assertTextIncludes('Заполните поле «Суд»')
    bad.assertTextIncludes('Выберите значение поля «Инстанция» из списка')
    bad.assertTextIncludes('Укажите сумму в рублях, например 150000 или 150000,50')
    bad.assertTextIncludes('Заполните поле «Дата решения»')

    await submitForm(client, office.host, session, '/account', '/locale', { locale: 'en' })
    const english = await submitForm(client, office.host, session, '/lawsuits/new', '/lawsuits', { ...validCase(office, 'X-1'), claimedAmount: '12,5,5', startsAt: '' })
    english.assertTextIncludes('Enter an amount in rubles, e.g. 150000 or 150000.50')
    await submitForm(client, office.host, session, '/account', '/locale', { locale: 'ru' })

    const taken = await submitForm(client, office.host, session, '/lawsuits/new', '/lawsuits', validCase(office, 'а32-1001/2026'))
    taken.assertTextIncludes('Дело с таким номером в этом суде уже есть')
    assert.equal(await inOffice(office, async () => (await LawsuitCase.query().whereILike('number', 'а32-1001/2026')).length), 1)
  })

  test('a decided case is appealed: the chain links first instance → appeal → cassation', async ({ assert, client }) => {
    const first = await createCase(office, { number: 'А32-2002/2026', claimedAmount: 300000, outcome: 'satisfied' }, '2026-03-10')
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const appealed = await submitForm(client, office.host, session, `/lawsuits/${first.id}`, `/lawsuits/${first.id}/appeal`, {
      number: '15АП-777/2026', court: 'Пятнадцатый арбитражный апелляционный суд',
    })
    appealed.assertTextIncludes('Создано дело следующей инстанции.')
    const appeal = await inOffice(office, () => LawsuitCase.findByOrFail('number', '15АП-777/2026'))
    assert.equal(appeal.instance, 'appeal')
    assert.equal(appeal.parentId, first.id)
    assert.equal(appeal.claimedAmount, 300000)

    // an open appeal cannot be taken further yet
    const early = await submitForm(client, office.host, session, `/lawsuits/${appeal.id}`, `/lawsuits/${appeal.id}/appeal`, {
      number: 'Ф08-1/2026', court: 'Арбитражный суд Северо-Кавказского округа',
    })
    early.assertTextIncludes('Обжаловать можно только рассмотренное дело')

    await inOffice(office, async () => {
      appeal.merge({ outcome: 'denied', decidedOn: DateTime.fromISO('2026-06-01') })
      await appeal.save()
    })
    await submitForm(client, office.host, session, `/lawsuits/${appeal.id}`, `/lawsuits/${appeal.id}/appeal`, {
      number: 'Ф08-1/2026', court: 'Арбитражный суд Северо-Кавказского округа',
    })
    const card = await client.get(`/lawsuits/${first.id}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    const text = card.text()
    assert.isBelow(text.indexOf('Первая: А32-2002/2026'), text.indexOf('Апелляция: 15АП-777/2026'))
    assert.isBelow(text.indexOf('Апелляция: 15АП-777/2026'), text.indexOf('Кассация: Ф08-1/2026'))
  })

  test('the responsible lawyer records the outcome and the awarded amount; the case leaves the open list', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'А32-5005/2026', claimedAmount: 80000, parties: [{ role: 'plaintiff', name: 'ИП Смирнов' }] })
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const form = await client.get(`/lawsuits/${lawsuit.id}/edit`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    form.assertTextIncludes('value="ИП Смирнов"')
    const saved = await submitForm(client, office.host, session, `/lawsuits/${lawsuit.id}/edit`, `/lawsuits/${lawsuit.id}/edit`, {
      ...validCase(office, 'А32-5005/2026'), claimedAmount: '80000', outcome: 'partially_satisfied', decidedOn: '2026-04-02', awardedAmount: '45000.5',
      'parties[0][name]': 'ИП Смирнов', 'parties[1][name]': '',
    })
    saved.assertTextIncludes('Дело сохранено.')
    saved.assertTextIncludes('Удовлетворено частично')
    saved.assertTextIncludes('45\u00a0000,50\u00a0₽')
    const updated = await inOffice(office, () => LawsuitCase.query().where('id', lawsuit.id).preload('parties').firstOrFail())
    assert.equal(updated.outcome, 'partially_satisfied')
    assert.equal(updated.awardedAmount, 45000.5)
    assert.deepEqual(updated.parties.map((party) => party.name), ['ИП Смирнов'])
    const open = await client.get('/lawsuits').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.notInclude(open.text(), 'А32-5005/2026')
    const closed = await client.get('/lawsuits?state=closed').header('host', office.host).withCookie(SESSION_COOKIE, session)
    closed.assertTextIncludes('А32-5005/2026')
    const audit = await inOffice(office, () => AuditEntry.query().where('action', 'lawsuit.updated').where('subject_id', String(lawsuit.id)).firstOrFail())
    assert.equal(audit.details.outcome, 'partially_satisfied')
  })

  test('department staff see their department\'s cases only; executors cannot register cases; heads see all', async ({ client, assert }) => {
    const health = await createCase(office, { number: 'А32-3003/2026', departmentId: office.departments.health.id, lawyerId: undefined })
    const finance = await createCase(office, { number: 'А32-3004/2026', departmentId: office.departments.finance.id, lawyerId: undefined })

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    ;(await client.get(`/lawsuits/${health.id}`).header('host', office.host).withCookie(SESSION_COOKIE, executor)).assertStatus(200)
    ;(await client.get(`/lawsuits/${finance.id}`).header('host', office.host).withCookie(SESSION_COOKIE, executor)).assertStatus(404)
    const list = await client.get('/lawsuits').header('host', office.host).withCookie(SESSION_COOKIE, executor)
    list.assertTextIncludes('А32-3003/2026')
    assert.notInclude(list.text(), 'А32-3004/2026')
    ;(await client.get('/lawsuits/new').header('host', office.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
    const refused = await submitForm(client, office.host, executor, '/lawsuits', '/lawsuits', validCase(office, 'А32-3005/2026'))
    refused.assertStatus(403)
    const edit = await submitForm(client, office.host, executor, `/lawsuits/${health.id}`, `/lawsuits/${health.id}/hearings`, { scheduledOn: '2030-01-01' })
    edit.assertStatus(403)

    const head = (await signIn(client, office.host, office.head.email)).session
    ;(await client.get(`/lawsuits/${finance.id}`).header('host', office.host).withCookie(SESSION_COOKIE, head)).assertStatus(200)
  })

  test('isolation: another tenant\'s case id is 404 there, and none of its cases are listed', async ({ client, assert }) => {
    const own = await createCase(office, { number: 'А32-4004/2026' })
    const other = await ensureTenant('law_cases_b')
    const head = await ensureUser(other, 'head')
    const session = (await signIn(client, hostOf(other), head.email)).session
    ;(await client.get(`/lawsuits/${own.id}`).header('host', hostOf(other)).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    ;(await client.get(`/lawsuits/${own.id}/edit`).header('host', hostOf(other)).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    const list = await client.get('/lawsuits?state=all').header('host', hostOf(other)).withCookie(SESSION_COOKIE, session)
    list.assertStatus(200)
    assert.notInclude(list.text(), 'А32-4004/2026')
    list.assertTextIncludes('Дел не найдено.')
  })
})
