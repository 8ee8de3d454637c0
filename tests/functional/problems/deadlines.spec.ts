import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import ProblemCase from '#modules/problems/models/problem_case'
import Problem from '#modules/problems/models/problem'
import RemindDepartmentsJob from '#modules/problems/jobs/remind_departments_job'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { ensureTenant, inTenant, rollupReady } from '#tests/helpers/tenants'
import { rollupBuilder } from '#tenancy/rollup'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { problemsBlock, problemsPortal, pump, routeRule, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'

let portal: ProblemsPortal
let block: ProblemsBlock

function notificationsOf(userId: number, kind: string) {
  return inTenant(block.tenant, () => tenantDb().from('notifications').where('user_id', userId).where('kind', kind))
}

test.group('Problems | reaction deadline, reminders and escalation', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    portal = await problemsPortal('pd_portal')
    block = await problemsBlock('pd_block')
    await routeRule(portal, portal.roads.id, block.tenant.slug, 'roads')
  })

  test('the deadline follows the theme’s reaction days; the department is reminded, then the head is told once it is overdue', async ({ assert, client }) => {
    // roads answer within 3 days in this portal
    await inTenant(portal.tenant, () => tenantDb().from('problem_themes').where('id', portal.roads.id).update({ reaction_days: 3 }))
    const problem = await inTenant(portal.tenant, async () =>
      new ReportProblem().handle(
        { themeId: portal.roads.id, municipalityId: portal.krasnodar.id, lat: 45.04, lng: 38.97, address: 'Краснодар, ул. Ставропольская, 1', description: 'Разрушен бордюр на перекрёстке.' },
        await User.findOrFail(portal.citizen.id)
      )
    )
    assert.equal(Math.round(problem.deadline!.diff(problem.routedAt!, 'days').days), 3)
    await pump([portal.tenant, block.tenant])
    assert.lengthOf(await notificationsOf(block.roadsExecutor.id, 'problem.routed'), 1, 'the department learns of it')
    assert.lengthOf(await notificationsOf(block.lightingHead.id, 'problem.routed'), 0, 'other departments do not')

    const found = await inTenant(block.tenant, () => ProblemCase.query().where('origin_problem_id', problem.id).firstOrFail())
    const run = (now: DateTime) => inTenant(block.tenant, () => new RemindDepartmentsJob().handle({ now: now.toISO()! }))

    // early on: nothing to say
    assert.deepEqual(await run(DateTime.now()), { reminded: 0, escalated: 0, plansDue: 0 })
    // a day before the deadline: the department is reminded, once
    const dayBefore = found.deadline.minus({ days: 1 })
    assert.deepEqual(await run(dayBefore), { reminded: 1, escalated: 0, plansDue: 0 })
    assert.deepEqual(await run(dayBefore.plus({ hours: 1 })), { reminded: 0, escalated: 0, plansDue: 0 })
    assert.lengthOf(await notificationsOf(block.roadsExecutor.id, 'problem.deadline_soon'), 1)
    assert.lengthOf(await notificationsOf(block.head.id, 'problem.deadline_soon'), 0)
    // past the deadline without an answer: escalated to the block's head and the department head, once
    const after = found.deadline.plus({ hours: 2 })
    assert.deepEqual(await run(after), { reminded: 0, escalated: 1, plansDue: 0 })
    assert.deepEqual(await run(after.plus({ hours: 1 })), { reminded: 0, escalated: 0, plansDue: 0 })
    assert.lengthOf(await notificationsOf(block.head.id, 'problem.overdue'), 1)
    assert.lengthOf(await notificationsOf(block.roadsHead.id, 'problem.overdue'), 1)
    assert.lengthOf(await notificationsOf(block.lightingHead.id, 'problem.overdue'), 0)

    // The portal shows it as overdue once the deadline has passed (derived, not stored).
    await inTenant(portal.tenant, () => tenantDb().from('problems').where('id', problem.id).update({ deadline: DateTime.now().minus({ hours: 1 }).toJSDate() }))
    const overdue = await client.get('/problems').header('host', portal.host).qs({ overdue: 'true' })
    assert.include(overdue.text(), 'ул. Ставропольская, 1')
    const stats = await client.get('/problems/stats').header('host', portal.host)
    assert.match(stats.text(), /data-key="krasnodar"[\s\S]*?Просрочено сейчас">1</)
    // The block head's inbox marks it overdue.
    await inTenant(block.tenant, () => tenantDb().from('problem_cases').where('id', found.id).update({ deadline: DateTime.now().minus({ hours: 1 }).toJSDate() }))
    const head = await sessionOf(client, block.host, block.head.email)
    const inbox = await client.get('/problems/inbox').header('host', block.host).withCookie(SESSION_COOKIE, head)
    assert.include(inbox.text(), 'row--overdue')

    // A late answer is published but does not count as in time.
    const { AnswerCase } = await import('#modules/problems/actions/answer_case')
    await inTenant(block.tenant, async () =>
      new AnswerCase().handle(found.id, { kind: 'resolved', text: 'Бордюр заменён.' }, await User.findOrFail(block.roadsHead.id), { id: block.roadsHead.id, email: null, ip: null, userAgent: null })
    )
    await pump([portal.tenant, block.tenant])
    const late = await inTenant(portal.tenant, () => Problem.findOrFail(problem.id))
    assert.equal(late.status, 'resolved')
    assert.isFalse(late.answeredInTime)
  })

  test('the control tenant reads the block’s queue through the rollup, without citizens’ data', async ({ assert }) => {
    const control = await ensureTenant('pd_control', 'control')
    await rollupBuilder.rebuild()
    await inTenant(control, async () => {
      const columns = (await tenantDb().rawQuery(`select column_name from information_schema.columns where table_schema = 'rollup' and table_name = 'problem_cases'`)).rows.map((row: { column_name: string }) => row.column_name)
      for (const wanted of ['block', 'theme_code', 'municipality_code', 'department_id', 'deadline', 'status']) assert.include(columns, wanted)
      for (const personal of ['author_name', 'author_email', 'description', 'address', 'lat', 'lng']) assert.notInclude(columns, personal)
      const rows = await tenantDb().rawQuery(`select count(*)::int as total from rollup.problem_cases where block = ?`, [block.tenant.slug])
      assert.isAbove(rows.rows[0].total, 0)
    })
  })
})
