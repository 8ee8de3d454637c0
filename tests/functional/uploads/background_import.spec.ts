import { test } from '@japa/runner'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import ImportStaffingJob from '#modules/staffing/jobs/import_staffing_job'
import { UPLOAD_LIMITS } from '#core/uploads/limits'
import { signIn } from '#tests/helpers/http'
import { inOffice } from '#tests/helpers/tenants'
import { staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'
import { pageAfter, postFile } from '#tests/helpers/uploads'

let office: StaffingOffice
const ROWS = 600

/** A positions file of ROWS rows; row 3 has an unknown department and a bad FTE, the last one a bad date. */
function bigCsv(prefix: string) {
  const lines = ['Подразделение;Должность;Штатная численность (ставок);Действует с']
  for (let index = 1; index <= ROWS; index++) {
    if (index === 2) lines.push(`nowhere;${prefix} ${index};три;2024-01-01`)
    else if (index === ROWS) lines.push(`roads;${prefix} ${index};1;вчера`)
    else lines.push(`${index % 2 ? 'health' : 'roads'};${prefix} ${index};1;2024-01-01`)
  }
  return Buffer.from(lines.join('\r\n') + '\r\n')
}

const count = (prefix: string) =>
  inOffice(office, async () => Number((await StaffingPosition.query().whereILike('title', `${prefix}%`).count('* as n').firstOrFail()).$extras.n))

test.group('Uploads | large imports run in the background', (group) => {
  let limit: number
  group.setup(async () => {
    office = await staffingOffice('upl_background')
    // a small threshold keeps the test quick; the code path is the one a 50 000-row file takes
    limit = UPLOAD_LIMITS.backgroundBytes
    UPLOAD_LIMITS.backgroundBytes = 8 * 1024
  })
  group.teardown(() => {
    UPLOAD_LIMITS.backgroundBytes = limit
  })

  test('a large file is queued; its page shows progress, then every error of every row in one report, nothing written', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const target = { host: office.host, session: session!, page: '/staffing/import', action: '/staffing/import' }
    const posted = await postFile(client, target, { buffer: bigCsv('Фон'), name: 'большой.csv' }, { kind: 'positions' })
    assert.equal(posted.status(), 302)
    const runPath = posted.header('location')!.replace(/^https?:\/\/[^/]+/, '')
    assert.match(runPath, /^\/staffing\/import\/runs\/\d+$/)
    const queued = await pageAfter(client, { ...target, page: runPath }, posted)
    assert.include(queued.text(), 'Загрузка файла «большой.csv»')
    // reloads itself while under way (no <meta refresh>: WCAG 2.2.1), and stops once done
    assert.include(queued.text(), 'data-reload-seconds="2"')
    assert.notInclude(queued.text(), 'http-equiv="refresh"')

    await inOffice(office, () => new ImportStaffingJob().handle({ runId: Number(runPath.split('/').pop()) }))
    const done = await pageAfter(client, { ...target, page: runPath }, posted)
    const text = done.text()
    assert.include(text, 'data-status="done"')
    assert.notInclude(text, 'data-reload-seconds')
    assert.include(text, `Проверено строк: ${ROWS}`)
    assert.include(text, 'Записано строк: 0')
    assert.include(text, `(${ROWS - 2} из ${ROWS})`)
    assert.include(text, 'Нет подразделения с кодом «nowhere»')
    assert.include(text, 'Поле «Штатная численность (ставок)» должно быть числом')
    assert.include(text, `<td class="num">${ROWS + 1}</td>`)
    assert.equal(await count('Фон'), 0)
  })

  test('with "valid rows only" the background job writes the valid rows and counts them', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const target = { host: office.host, session: session!, page: '/staffing/import', action: '/staffing/import' }
    const posted = await postFile(client, target, { buffer: bigCsv('Вал'), name: 'большой.csv' }, { kind: 'positions', validOnly: 'true' })
    const runPath = posted.header('location')!.replace(/^https?:\/\/[^/]+/, '')
    await inOffice(office, () => new ImportStaffingJob().handle({ runId: Number(runPath.split('/').pop()) }))
    const done = await pageAfter(client, { ...target, page: runPath }, posted)
    assert.include(done.text(), `Загружено строк: ${ROWS - 2} из ${ROWS}.`)
    assert.include(done.text(), `Записано строк: ${ROWS - 2}`)
    assert.equal(await count('Вал'), ROWS - 2)
  })
})
