import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import RemindFollowUpsJob from '#modules/service_ratings/jobs/remind_follow_ups_job'
import { inTenant } from '#tests/helpers/tenants'
import { ratingsMunicipality } from '#tests/helpers/service_ratings'

test.group('Service ratings | follow-up reminders and escalation', () => {
  test('five days before the date the department is reminded once; past the date the head is told once', async ({ assert }) => {
    const town = await ratingsMunicipality('svc_remind_town')
    const respondBy = DateTime.fromISO('2025-03-31')
    const found = await inTenant(town.tenant, () =>
      ServiceFollowUp.create({
        originTenant: 'svc_portal', originRatingId: 4242, serviceCode: 'housing-queue', serviceName: 'Постановка на учёт', departmentCode: 'housing',
        marks: { time: 1, waiting: 1, staff: 2, premises: 2, information: 1 }, comment: 'Долго и непонятно.', ratedOn: DateTime.fromISO('2025-03-01'),
        respondBy, status: 'open', receivedAt: DateTime.fromISO('2025-03-01T10:00:00Z'),
      })
    )
    const kinds = (userId: number) =>
      inTenant(town.tenant, async () => (await tenantDb().from('notifications').where('user_id', userId).where('link', `/service-ratings/inbox/${found.id}`)).map((row) => row.kind).sort())
    const run = (now: string) => inTenant(town.tenant, () => new RemindFollowUpsJob().handle({ now }))

    assert.deepEqual(await run('2025-03-20T09:00:00+03:00'), { reminded: 0, escalated: 0 })
    assert.deepEqual(await run('2025-03-27T09:00:00+03:00'), { reminded: 1, escalated: 0 })
    assert.deepEqual(await run('2025-03-28T09:00:00+03:00'), { reminded: 0, escalated: 0 }, 'reminded once')
    assert.deepEqual(await kinds(town.housingHead.id), ['service_follow_up.due_soon'])
    assert.deepEqual(await kinds(town.architectureHead.id), [], 'another department is not bothered')

    assert.deepEqual(await run('2025-03-31T20:00:00+03:00'), { reminded: 0, escalated: 0 }, 'the last day is still in time')
    assert.deepEqual(await run('2025-04-01T09:00:00+03:00'), { reminded: 0, escalated: 1 })
    assert.deepEqual(await run('2025-04-02T09:00:00+03:00'), { reminded: 0, escalated: 0 }, 'escalated once')
    assert.deepEqual(await kinds(town.head.id), ['service_follow_up.overdue'])
  })
})
