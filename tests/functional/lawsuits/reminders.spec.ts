import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import RemindHearingsJob from '#modules/lawsuits/jobs/remind_hearings_job'
import LawsuitEvent from '#modules/lawsuits/models/lawsuit_event'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { tenantDb } from '#tenancy/tenant_model'
import { systemActor } from '#core/audit'
import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { inOffice } from '#tests/helpers/tenants'

let office: LawsuitsOffice

const remind = (today: string) => inOffice(office, () => new RemindHearingsJob().handle({ today }))

async function remindersOf(caseId: number) {
  return inOffice(office, () =>
    tenantDb()
      .from('notifications')
      .where('kind', 'lawsuit.hearing_soon')
      .where('data', '@>', JSON.stringify({ caseId }))
      .orderBy('id')
      .select('user_id', 'data')
  )
}

test.group('Lawsuits | hearing reminders', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('law_remind')
  })

  test('the lawyer is reminded 7 days and 1 day before, each once; a moved hearing is reminded again', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'R-1' })
    const other = await createCase(office, { number: 'R-2', lawyerId: undefined })
    const hearing = await inOffice(office, () =>
      new ScheduleHearing().handle(lawsuit, { scheduledOn: DateTime.fromISO('2030-03-20').toJSDate(), startsAt: '11:00' }, systemActor('test'))
    )
    // a case without a responsible lawyer has nobody to remind
    await inOffice(office, () => new ScheduleHearing().handle(other, { scheduledOn: DateTime.fromISO('2030-03-20').toJSDate() }, systemActor('test')))

    assert.deepEqual(await remind('2030-03-12'), { reminded: 0 })
    assert.deepEqual(await remind('2030-03-13'), { reminded: 1 })
    assert.deepEqual(await remind('2030-03-13'), { reminded: 0 })
    assert.deepEqual(await remind('2030-03-15'), { reminded: 0 })
    assert.deepEqual(await remind('2030-03-19'), { reminded: 1 })
    assert.deepEqual(await remind('2030-03-20'), { reminded: 0 })
    let reminders = await remindersOf(lawsuit.id)
    assert.deepEqual(reminders.map((row) => [row.user_id, row.data.date, row.data.days]), [
      [office.lawyer.id, '2030-03-20', 7],
      [office.lawyer.id, '2030-03-20', 1],
    ])
    assert.deepEqual(await remindersOf(other.id), [])

    // the court moves the hearing (through the card's form): reminders start over for the new day
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const moved = await submitForm(client, office.host, session, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/hearings/${hearing.id}`, {
      scheduledOn: '2030-03-25', startsAt: '09:30', courtroom: '12',
    })
    moved.assertTextIncludes('Заседание изменено.')
    assert.deepEqual(await remind('2030-03-19'), { reminded: 1 })
    assert.deepEqual(await remind('2030-03-20'), { reminded: 0 })
    assert.deepEqual(await remind('2030-03-24'), { reminded: 1 })
    assert.deepEqual(await remind('2030-03-24'), { reminded: 0 })
    reminders = await remindersOf(lawsuit.id)
    assert.deepEqual(reminders.slice(2).map((row) => [row.data.date, row.data.time, row.data.days]), [
      ['2030-03-25', '09:30', 7],
      ['2030-03-25', '09:30', 1],
    ])

    // a hearing with its result recorded is not reminded
    const done = await inOffice(office, async () => {
      const event = await LawsuitEvent.findOrFail(hearing.id)
      return new ScheduleHearing().handle(lawsuit, { scheduledOn: DateTime.fromISO('2030-04-01').toJSDate(), result: 'Отложено' }, systemActor('test'), event)
    })
    assert.equal(done.result, 'Отложено')
    assert.deepEqual(await remind('2030-03-31'), { reminded: 0 })

    // the lawyer sees the reminder among the notifications
    const page = await client.get('/notifications').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertTextIncludes('Скоро заседание по делу R-1: 25.03.2030 09:30, Арбитражный суд Краснодарского края')
  })
})
