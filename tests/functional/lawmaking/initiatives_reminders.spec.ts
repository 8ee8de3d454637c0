import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'
import RemindInitiativesJob from '#modules/lawmaking/jobs/remind_initiatives_job'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { problemsMunicipality, problemsPortal, publishDirectoryOf, pump, sessionOf, type ProblemsMunicipality, type ProblemsPortal } from '#tests/helpers/problems'
import { forwardedInitiative, municipalInitiative } from '#tests/helpers/lawmaking_initiatives'

let portal: ProblemsPortal
let town: ProblemsMunicipality

function notificationsOf(userId: number, kind: string) {
  return inTenant(town.tenant, () => tenantDb().from('notifications').where('user_id', userId).where('kind', kind))
}

test.group('Lawmaking | citizens’ initiatives | reminders, escalation and the Department of Control', (group) => {
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    portal = await problemsPortal('lmr_portal')
    town = await problemsMunicipality('tuapsinsky')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
  })

  test('the department is reminded three days before the due day, the head is told once it has passed; each once', async ({ assert }) => {
    const { found } = await forwardedInitiative(portal, town, 'tuapsinsky/housing', municipalInitiative('tuapsinsky'))
    const run = (now: DateTime) => inTenant(town.tenant, () => new RemindInitiativesJob().handle({ now: now.toISO()! }))
    // noon of a day in the region, counted from the due day
    const noon = (daysFromDue: number) => DateTime.fromISO(found.dueOn.toISODate()!, { zone: REGION_ZONE }).plus({ days: daysFromDue, hours: 12 })

    assert.deepEqual(await run(noon(-10)), { reminded: 0, escalated: 0 })
    assert.deepEqual(await run(noon(-3)), { reminded: 1, escalated: 0 })
    assert.deepEqual(await run(noon(-2)), { reminded: 0, escalated: 0 })
    assert.lengthOf(await notificationsOf(town.housingExecutor.id, 'lawmaking.initiative_due_soon'), 1)
    assert.lengthOf(await notificationsOf(town.roadsHead.id, 'lawmaking.initiative_due_soon'), 0)
    // the due day itself is still in time
    assert.deepEqual(await run(noon(0)), { reminded: 0, escalated: 0 })
    assert.deepEqual(await run(noon(1)), { reminded: 0, escalated: 1 })
    assert.deepEqual(await run(noon(1).plus({ hours: 1 })), { reminded: 0, escalated: 0 })
    assert.lengthOf(await notificationsOf(town.head.id, 'lawmaking.initiative_overdue'), 1)
    assert.lengthOf(await notificationsOf(town.housingHead.id, 'lawmaking.initiative_overdue'), 1)
    assert.lengthOf(await notificationsOf(town.housingExecutor.id, 'lawmaking.initiative_overdue'), 0)
    assert.lengthOf(await notificationsOf(town.roadsHead.id, 'lawmaking.initiative_overdue'), 0)
  })

  test('the Department of Control sees initiatives by answer and the overdue ones, without authors or texts', async ({ assert, client }) => {
    const { found } = await forwardedInitiative(portal, town, 'tuapsinsky/housing', municipalInitiative('tuapsinsky', 'Тишина на пляжах после 23 часов'))
    // its due day has passed without an answer
    await inTenant(town.tenant, () => tenantDb().from('lawmaking_initiative_cases').where('id', found.id).update({ due_on: DateTime.now().setZone(REGION_ZONE).minus({ days: 2 }).toISODate() }))
    const control = await ensureTenant('lmr_control', 'control')
    const head = await ensureUser(control, 'head', 'head@lmr-control.test')
    const session = await sessionOf(client, hostOf(control), head.email)
    const page = await client.get('/control/lawmaking').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, new RegExp(`data-initiatives-body="${town.tenant.slug}"[^]*?<td class="num">\\d+</td>`))
    assert.include(html, `data-overdue-initiative="${town.tenant.slug}/${found.id}"`)
    assert.include(html, 'Тишина на пляжах после 23 часов')
    assert.notInclude(html, found.authorName)
    assert.notInclude(html, found.problem)
    const columns = await inTenant(control, () =>
      tenantDb().from('information_schema.columns').where('table_schema', 'rollup').where('table_name', 'lawmaking_initiative_cases').select('column_name')
    )
    const names = columns.map((row: any) => row.column_name)
    for (const personal of ['author_name', 'problem', 'goal', 'proposal', 'answer_text']) assert.notInclude(names, personal)
    assert.include(names, 'due_on')
  })
})
