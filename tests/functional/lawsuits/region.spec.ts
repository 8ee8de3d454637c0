import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { rollupBuilder } from '#tenancy/rollup'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { systemActor } from '#core/audit'
import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { ensureTenant, ensureUser, hostOf, inOffice, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'

let north: LawsuitsOffice
let south: LawsuitsOffice

test.group('Lawsuits | control tenant | region figures from the rollup', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    north = await lawsuitsOffice('law_rg_north')
    south = await lawsuitsOffice('law_rg_south')
    await ensureTenant('law_rg_control', 'control')
  })

  test('the Department of Control sees open cases, amounts at risk and hearings per block; no names of parties', async ({ assert, client }) => {
    const hearingCase = await createCase(north, { number: 'N-1', ourRole: 'defendant', claimedAmount: 2_000_000, parties: [{ role: 'plaintiff', name: 'Сидоров Иван Петрович' }] })
    await createCase(north, { number: 'N-2', ourRole: 'plaintiff', claimedAmount: 500_000 })
    await createCase(north, { number: 'N-3', ourRole: 'defendant', claimedAmount: 1, outcome: 'denied' }, DateTime.now().toISODate()!)
    await createCase(south, { number: 'S-1', ourRole: 'defendant', claimedAmount: 750_000.5 })
    await inOffice(north, () =>
      new ScheduleHearing().handle(hearingCase, { scheduledOn: DateTime.now().plus({ days: 2 }).toJSDate() }, systemActor('test'))
    )

    // what the every-minute control.refresh_rollup job does
    await rollupBuilder.refresh()

    const control = await ensureTenant('law_rg_control', 'control')
    const controller = await ensureUser(control, 'controller')
    const session = (await signIn(client, hostOf(control), controller.email)).session
    const page = await client.get('/lawsuits/region').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('обновляются каждую минуту')
    const row = (slug: string) => page.text().match(new RegExp(`<tr data-block="${slug}">([\\s\\S]*?)</tr>`))![1]
    const cells = (slug: string) => [...row(slug).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1])
    assert.deepEqual(cells('law_rg_north'), ['2', '2\u00a0000\u00a0000,00\u00a0₽', '500\u00a0000,00\u00a0₽', '0,00\u00a0₽', '0,00\u00a0₽', '1', '1'])
    assert.deepEqual(cells('law_rg_south').slice(0, 2), ['1', '750\u00a0000,50\u00a0₽'])
    assert.notInclude(page.text(), 'Сидоров')

    // what the control tenant may read: the declared columns, nothing about parties
    const columns = await db
      .from('information_schema.columns')
      .where('table_schema', 'rollup')
      .where('table_name', 'lawsuit_cases')
      .orderBy('ordinal_position')
      .select('column_name')
    assert.deepEqual(columns.map((column) => column.column_name), [
      'block', 'id', 'instance', 'category', 'our_role', 'claimed_amount', 'awarded_amount', 'collected_amount', 'outcome', 'decided_on', 'department_id', 'next_hearing_on',
    ])
  })

  test('a block has no region page; executors of the control tenant are refused', async ({ client }) => {
    const blockSession = (await signIn(client, north.host, north.head.email)).session
    ;(await client.get('/lawsuits/region').header('host', north.host).withCookie(SESSION_COOKIE, blockSession)).assertStatus(404)
    const control = await ensureTenant('law_rg_control', 'control')
    const executor = await ensureUser(control, 'executor')
    const session = (await signIn(client, hostOf(control), executor.email)).session
    ;(await client.get('/lawsuits/region').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)).assertStatus(403)
  })
})
