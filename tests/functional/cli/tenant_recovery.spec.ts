import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import pg from 'pg'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import TenantCreate from '#commands/tenant_create'
import TenantDrop from '#commands/tenant_drop'
import TenantMigrate from '#commands/tenant_migrate'
import TenantRestore from '#commands/tenant_restore'
import Tenant from '#tenancy/tenant'
import { ownerRoleNameFor, roleNameFor } from '#tenancy/naming'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { signIn } from '#tests/helpers/http'

/**
 * What an operator meets when things go wrong: a create killed half-way,
 * one tenant whose migration fails among many, a dropped tenant wanted
 * back, roles left behind by a dropped database.
 */

async function createCommand(...parameters: Parameters<typeof ace.create>) {
  ace.ui.logger.flushLogs()
  return ace.create(...parameters)
}

function lines(command: { logger: { getLogs(): { message: string; stream: string }[] } }, stream: 'stdout' | 'stderr') {
  return command.logger
    .getLogs()
    .filter((log) => log.stream === stream)
    .map((log) => log.message.replace(/^\[ \w+\((\w+)\) \] /, '[$1] '))
}

const quote = pg.escapeIdentifier

/** Rows per table of a tenant schema, read as the admin. */
async function rowCounts(schema: string) {
  const tables = await db.rawQuery(`select tablename from pg_tables where schemaname = ? order by tablename`, [schema])
  const counts: Record<string, number> = {}
  for (const { tablename } of tables.rows as { tablename: string }[]) {
    if (tablename.startsWith('adonis_schema')) continue
    counts[tablename] = (await db.rawQuery(`select count(*)::int as total from ${quote(schema)}.${quote(tablename)}`)).rows[0].total
  }
  return counts
}

test.group('Tenant CLI | recovery', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('a create killed half-way is never served, and running create again finishes it', async ({ assert, client }) => {
    const args = ['tenant:create', 'cli_killed', '--kind=block', '--name-ru=Прерванный', '--name-en=Interrupted']
    const child = spawn(process.execPath, ['ace', ...args], { cwd: app.makePath(), env: { ...process.env, FORCE_COLOR: '0' }, stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Killed once migrations have begun: some tables exist, not all.
    let killedWhile = ''
    for (let attempt = 0; attempt < 600 && !killedWhile; attempt++) {
      const state = await db.rawQuery(
        `select (select status from tenants where slug = 'cli_killed') as status,
                (select count(*)::int from pg_tables where schemaname = 'tenant_cli_killed') as tables`
      )
      if (state.rows[0].status === 'provisioning' && state.rows[0].tables >= 3) {
        child.kill('SIGKILL')
        killedWhile = `${state.rows[0].tables} tables`
      } else if (state.rows[0].status === 'active') break
      else await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await exited
    assert.isNotEmpty(killedWhile, 'the create finished before it could be killed')

    const interrupted = await Tenant.findByOrFail('slug', 'cli_killed')
    assert.equal(interrupted.status, 'provisioning')
    tenantRegistry.forget()
    const page = await client.get('/login').header('Host', 'cli_killed.localhost')
    assert.equal(page.status(), 503)

    const again = await createCommand(TenantCreate, ['cli_killed', '--kind=block', '--name-ru=Прерванный', '--name-en=Interrupted'])
    await again.exec()
    again.assertSucceeded()
    const finished = await Tenant.findByOrFail('slug', 'cli_killed')
    assert.equal(finished.status, 'active')
    const tables = await db.rawQuery(`select count(*)::int as total from pg_tables where schemaname = 'tenant_cli_killed'`)
    const reference = await db.rawQuery(`select count(*)::int as total from pg_tables where schemaname = ?`, [(await ensureTenant('cli_reference')).schemaName])
    assert.equal(tables.rows[0].total, reference.rows[0].total)
  })

  test('tenant:migrate --all goes on past a failing tenant, prints each result and a summary, and exits 1', async ({ assert }) => {
    await ensureTenant('cli_mig_ok')
    const broken = await ensureTenant('cli_mig_broken')
    // The bookkeeping forgets an applied migration: applying it again fails (its index exists).
    await db.rawQuery(`delete from ${broken.schemaName}.adonis_schema where name like '%add_orders_open_first_index'`)
    try {
      const command = await createCommand(TenantMigrate, ['--all'])
      await command.exec()
      command.assertFailed()
      const errors = lines(command, 'stderr')
      const failure = errors.find((line) => line.includes('cli_mig_broken'))
      assert.match(failure!, /cli_mig_broken: failed: migration .*add_orders_open_first_index: relation "orders_open_first_index" already exists/)
      assert.notMatch(failure!, /create index/i)
      assert.match(errors.at(-1)!, /tenants: \d+ migrated or up to date, 1 failed/)
      assert.include(command.logger.getLogs().map((log) => log.message).join('\n'), 'cli_mig_ok: already up to date')
    } finally {
      await db.rawQuery(
        `insert into ${broken.schemaName}.adonis_schema (name, batch, migration_time) values ('database/migrations/tenant/1700000001300_add_orders_open_first_index', 1, now())`
      )
    }
  })

  test('tenant:restore brings a dropped tenant back: same rows, and its people sign in', async ({ assert, client }) => {
    const tenant = await ensureTenant('cli_restored')
    tenant.hosts = ['restored.example.test']
    await tenant.save()
    await ensureUser(tenant, 'admin')
    const before = await rowCounts(tenant.schemaName)

    const drop = await createCommand(TenantDrop, ['cli_restored', '--force'])
    await drop.exec()
    drop.assertSucceeded()
    const backup = drop.logger.getLogs().map((log) => log.message).join('\n').match(/backup: (\S+\.dump)/)![1]
    assert.isNull(await Tenant.findBy('slug', 'cli_restored'))

    const restore = await createCommand(TenantRestore, [backup])
    await restore.exec()
    restore.assertSucceeded()
    const restored = await Tenant.findByOrFail('slug', 'cli_restored')
    assert.deepInclude(restored.serialize(), { kind: 'block', nameEn: 'Test cli_restored', status: 'active', hosts: ['restored.example.test'] })
    assert.deepEqual(await rowCounts(restored.schemaName), before)
    const owner = await db.rawQuery(`select nspowner::regrole::text as owner from pg_namespace where nspname = ?`, [restored.schemaName])
    assert.equal(owner.rows[0].owner, ownerRoleNameFor('cli_restored'))

    tenantRegistry.forget()
    const { response } = await signIn(client, hostOf(restored), 'admin@cli-restored.test')
    assert.equal(response.status(), 302)
    assert.notInclude(response.header('location') ?? '', '/login')

    // The same backup again, under another slug, is a second copy.
    const copy = await createCommand(TenantRestore, [backup, '--as=cli_restored_copy'])
    await copy.exec()
    copy.assertFailed()
    assert.match(lines(copy, 'stderr')[0], /Schema tenant_cli_restored still exists/)
  })

  test('tenant:restore of a file that is not a tenant backup is one readable line', async ({ assert }) => {
    const command = await createCommand(TenantRestore, [app.makePath('package.json')])
    await command.exec()
    command.assertFailed()
    const errors = lines(command, 'stderr')
    assert.lengthOf(errors, 1)
    assert.match(errors[0], /Cannot read backup .*package\.json/)
  })

  test('roles left behind by a dropped database are reused; one that still owns something is named with the command to run', async ({ assert }) => {
    for (const role of [roleNameFor('cli_leftover'), ownerRoleNameFor('cli_leftover')]) {
      await db.rawQuery(`create role ${quote(role)} nologin`)
    }
    const reuse = await createCommand(TenantCreate, ['cli_leftover', '--kind=block', '--name-ru=Остаток', '--name-en=Leftover'])
    await reuse.exec()
    reuse.assertSucceeded()

    const owning = roleNameFor('cli_owning')
    await db.rawQuery(`create role ${quote(owning)} nologin`)
    await db.rawQuery(`create table public.left_by_${'cli_owning'} (id int)`)
    await db.rawQuery(`alter table public.left_by_cli_owning owner to ${quote(owning)}`)
    const refused = await createCommand(TenantCreate, ['cli_owning', '--kind=block', '--name-ru=Владелец', '--name-en=Owner'])
    await refused.exec()
    refused.assertFailed()
    const errors = lines(refused, 'stderr')
    assert.lengthOf(errors, 1)
    assert.include(errors[0], `Role ${owning} owns objects in database ${process.env.DB_DATABASE}`)
    assert.include(errors[0], `DROP OWNED BY "${owning}"; DROP ROLE "${owning}"`)
    await db.rawQuery(`drop table public.left_by_cli_owning`)
    await db.rawQuery(`drop role ${quote(owning)}`)
  })

  test('a host another tenant serves and over-long names are refused in one line', async ({ assert }) => {
    await ensureTenant('clihostowner')
    const cases: [string[], RegExp][] = [
      [['cli_host_taker', '--kind=block', '--name-ru=А', '--name-en=A', '--host=clihostowner.localhost'], /Host "clihostowner\.localhost" already serves tenant "clihostowner"/],
      [['cli_long', '--kind=block', `--name-ru=${'Я'.repeat(300)}`, '--name-en=A'], /--name-ru is 300 characters long; at most 255 are allowed/],
    ]
    for (const [args, line] of cases) {
      const command = await createCommand(TenantCreate, args)
      await command.exec()
      command.assertFailed()
      const errors = lines(command, 'stderr')
      assert.lengthOf(errors, 1)
      assert.match(errors[0], line)
    }
  })
})
