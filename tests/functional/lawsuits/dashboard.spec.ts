import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ExcelJS from 'exceljs'
import { ApiRequest } from '@japa/api-client'
import { lawsuitsDashboard } from '#modules/lawsuits/services/lawsuits_dashboard'
import { upcomingHearings } from '#modules/lawsuits/services/upcoming_hearings'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { systemActor } from '#core/audit'
import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { inOffice } from '#tests/helpers/tenants'

let office: LawsuitsOffice

const binary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
ApiRequest.addParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', binary as any)
ApiRequest.addParser('application/pdf', binary as any)

test.group('Lawsuits | monitoring figures, upcoming hearings, exports', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('law_dash')
    const month = (offset: number, day = 10) => DateTime.now().startOf('month').minus({ months: offset }).set({ day }).toISODate()!
    // open: claims against us (at risk) at the first instance and on appeal, one claim of ours, one of finance
    await createCase(office, { number: 'D-1', ourRole: 'defendant', claimedAmount: 1_000_000.25, category: 'contract' })
    await createCase(office, { number: 'D-2', ourRole: 'defendant', claimedAmount: 250_000, instance: 'appeal', category: 'land' })
    await createCase(office, { number: 'D-3', ourRole: 'plaintiff', claimedAmount: 400_000, category: 'contract' })
    await createCase(office, { number: 'D-4', ourRole: 'defendant', claimedAmount: 7_000_000, category: 'tax', departmentId: office.departments.finance.id })
    // decided: not at risk any more, counted in outcomes by month
    await createCase(office, { number: 'D-5', ourRole: 'defendant', claimedAmount: 900_000, outcome: 'denied', awardedAmount: 0 }, month(0, 1))
    await createCase(office, { number: 'D-6', ourRole: 'plaintiff', claimedAmount: 500_000, outcome: 'partially_satisfied', awardedAmount: 300_000, collectedAmount: 120_000 }, month(2))
    await createCase(office, { number: 'D-7', ourRole: 'plaintiff', claimedAmount: 10_000, outcome: 'satisfied', awardedAmount: 10_000 }, month(2, 20))
    // older than a year: outside the chart
    await createCase(office, { number: 'D-8', ourRole: 'defendant', claimedAmount: 1, outcome: 'satisfied' }, month(13))
  })

  test('amounts at risk, open cases by stage and category, outcomes per month (head: every case)', async ({ assert }) => {
    const figures = await inOffice(office, () => lawsuitsDashboard(office.head))
    assert.equal(figures.open, 4)
    assert.equal(figures.atRisk, 8_250_000.25)
    assert.equal(figures.claimedByUs, 400_000)
    assert.equal(figures.awarded, 310_000)
    assert.equal(figures.collected, 120_000)
    assert.deepEqual(figures.byInstance, { first: 3, appeal: 1, cassation: 0, supervisory: 0 })
    assert.deepEqual(figures.byCategory, [
      { category: 'contract', open: 2, atRisk: 1_000_000.25 },
      { category: 'land', open: 1, atRisk: 250_000 },
      { category: 'tax', open: 1, atRisk: 7_000_000 },
    ])
    assert.lengthOf(figures.outcomesByMonth, 12)
    const current = figures.outcomesByMonth[11]
    const twoAgo = figures.outcomesByMonth[9]
    assert.equal(current.month, DateTime.now().toFormat('yyyy-MM'))
    assert.equal(current.counts.denied, 1)
    assert.equal(twoAgo.counts.partially_satisfied, 1)
    assert.equal(twoAgo.counts.satisfied, 1)
    const decided = figures.outcomesByMonth.reduce((sum, row) => sum + Object.values(row.counts).reduce((a, b) => a + b, 0), 0)
    assert.equal(decided, 3)
  })

  test('the health department sees the figures of its own cases only', async ({ assert }) => {
    const figures = await inOffice(office, () => lawsuitsDashboard(office.healthExecutor))
    assert.equal(figures.open, 3)
    assert.equal(figures.atRisk, 1_250_000.25)
    assert.deepEqual(figures.byInstance, { first: 2, appeal: 1, cassation: 0, supervisory: 0 })
  })

  test('the dashboard page shows the amounts as rubles in the user\'s language, with a chart fed by the table', async ({ client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get('/lawsuits/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('8\u00a0250\u00a0000,25\u00a0₽')
    page.assertTextIncludes('data-chart=')
    page.assertTextIncludes('<td class="num" data-instance="appeal">1</td>')
    page.assertTextIncludes('Данные на ')

    // the figures are cached, but a new case is counted at once
    const again = await client.get('/lawsuits/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    again.assertTextIncludes('8\u00a0250\u00a0000,25\u00a0₽')
    const added = await createCase(office, { number: 'D-9', ourRole: 'defendant', claimedAmount: 1000, instance: 'cassation' })
    const fresh = await client.get('/lawsuits/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    fresh.assertTextIncludes('8\u00a0251\u00a0000,25\u00a0₽')
    fresh.assertTextIncludes('<td class="num" data-instance="cassation">1</td>')
    await inOffice(office, () => added.delete())
  })

  test('upcoming hearings: the next N days, soonest first, pending only, visible cases only', async ({ assert, client }) => {
    const [near, far, hidden] = await Promise.all([
      createCase(office, { number: 'H-1' }),
      createCase(office, { number: 'H-2' }),
      createCase(office, { number: 'H-3', departmentId: office.departments.finance.id }),
    ])
    const inDays = (days: number) => DateTime.now().plus({ days }).startOf('day').toJSDate()
    await inOffice(office, async () => {
      await new ScheduleHearing().handle(far, { scheduledOn: inDays(20), startsAt: '10:00' }, systemActor('test'))
      await new ScheduleHearing().handle(near, { scheduledOn: inDays(3), startsAt: '14:30', courtroom: '305' }, systemActor('test'))
      await new ScheduleHearing().handle(near, { scheduledOn: inDays(1), result: 'Отложено' }, systemActor('test'))
      await new ScheduleHearing().handle(hidden, { scheduledOn: inDays(2) }, systemActor('test'))
    })
    const forHealth = await inOffice(office, () => upcomingHearings(office.healthExecutor, 14))
    assert.deepEqual(forHealth.map((hearing) => hearing.number), ['H-1'])
    const forHead = await inOffice(office, () => upcomingHearings(office.head, 30))
    assert.deepEqual(forHead.map((hearing) => hearing.number), ['H-3', 'H-1', 'H-2'])

    const { session } = await signIn(client, office.host, office.healthExecutor.email)
    const page = await client.get('/lawsuits/hearings?days=7').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes('H-1')
    page.assertTextIncludes('14:30')
    // as the text of an element: a bare 'H-3' also turns up inside a random token of the page now and then
    assert.notMatch(page.text(), />\s*H-2\s*</)
    assert.notMatch(page.text(), />\s*H-3\s*</)
    assert.match(page.text(), />\s*H-1\s*</, 'the visible one is found the same way')
    const card = await client.get(`/lawsuits?state=open`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    card.assertTextIncludes(DateTime.fromJSDate(inDays(3)).setLocale('ru').toLocaleString())
  })

  test('exports: XLSX with numeric amounts and PDF of the visible cases', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.healthExecutor.email)
    const xlsx = await client.get('/lawsuits/export/xlsx?state=all').header('host', office.host).withCookie(SESSION_COOKIE, session)
    xlsx.assertStatus(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body() as any)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.getRow(1).getCell(1).value, 'Номер дела')
    const rows = new Map<string, ExcelJS.Row>()
    sheet.eachRow((row, index) => index > 1 && rows.set(String(row.getCell(1).value), row))
    assert.isTrue(rows.has('D-1'))
    assert.isFalse(rows.has('D-4'))
    assert.equal(rows.get('D-1')!.getCell(6).value, 1_000_000.25)
    assert.equal(rows.get('D-6')!.getCell(9).value, 'Удовлетворено частично')

    const pdf = await client.get('/lawsuits/export/pdf').header('host', office.host).withCookie(SESSION_COOKIE, session)
    pdf.assertStatus(200)
    assert.equal((pdf.body() as Buffer).subarray(0, 5).toString(), '%PDF-')
  })
})
