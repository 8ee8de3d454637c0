import { ownerRoleNameFor, roleNameFor } from '#tenancy/naming'
import { test } from '@japa/runner'
import { mkdir, stat, writeFile, rm } from 'node:fs/promises'
import { relative } from 'node:path'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import TenantCreate from '#commands/tenant_create'
import TenantList from '#commands/tenant_list'
import TenantMigrate from '#commands/tenant_migrate'
import TenantRollback from '#commands/tenant_rollback'
import TenantSuspend from '#commands/tenant_suspend'
import TenantResume from '#commands/tenant_resume'
import TenantDrop from '#commands/tenant_drop'
import TenantProvision from '#commands/tenant_provision'
import TenantUserCreate from '#commands/tenant_user_create'
import Tenant from '#tenancy/tenant'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { testTmpPath } from '#tests/helpers/environment'
import { extraTenantMigrationPaths } from '#tenancy/tenant_connections'

/** Creates a command with fresh captured output (raw mode collects across commands). */
async function createCommand(...parameters: Parameters<typeof ace.create>) {
  ace.ui.logger.flushLogs()
  return ace.create(...parameters)
}

/** What a failed command printed, without the colour markers of raw mode. */
function errorLines(command: { logger: { getLogs(): { message: string; stream: string }[] } }) {
  return command.logger
    .getLogs()
    .filter((log) => log.stream === 'stderr')
    .map((log) => log.message.replace(/^\[ red\(error\) \] /, ''))
}

async function objectsOf(slug: string) {
  const result = await db.rawQuery(
    `select (select count(*)::int from pg_namespace where nspname = ?) as schemas,
            (select count(*)::int from pg_roles where rolname in (?, ?)) as roles,
            (select count(*)::int from tenants where slug = ?) as rows`,
    // Roles are cluster-wide: count only this database's (other test databases may hold the same slug).
    [`tenant_${slug}`, roleNameFor(slug), ownerRoleNameFor(slug), slug]
  )
  return result.rows[0]
}

test.group('Tenant CLI | tenant:create', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('creates role, schema, registry row and migrates', async ({ assert }) => {
    const command = await createCommand(TenantCreate, ['cli_new', '--kind=block', '--name-ru=Новый блок', '--name-en=New block', '--host=new.example.test'])
    await command.exec()
    command.assertSucceeded()
    const tenant = await Tenant.findByOrFail('slug', 'cli_new')
    assert.deepEqual(tenant.hosts, ['new.example.test'])
    assert.equal(tenant.schemaName, 'tenant_cli_new')
    assert.equal(tenant.roleName, `${process.env.DB_DATABASE}__t_cli_new`)
    assert.deepEqual(await objectsOf('cli_new'), { schemas: 1, roles: 2, rows: 1 })
    const tables = (await db.rawQuery('select count(*)::int as total from tenant_cli_new.adonis_schema')).rows[0].total
    assert.isAbove(tables, 0)
  })

  test('rejects {args} with one clear line and exit code 1')
    .with([
      { args: ['Bad-Slug'], line: /Invalid tenant slug "Bad-Slug"/ },
      { args: ['admin'], line: /Tenant slug "admin" is reserved/ },
      { args: ['x'], line: /Invalid tenant slug "x"/ },
    ])
    .run(async ({ assert }, { args, line }) => {
      const command = await createCommand(TenantCreate, [...args, '--kind=block', '--name-ru=Блок', '--name-en=Block'])
      await command.exec()
      command.assertFailed()
      const lines = errorLines(command)
      assert.lengthOf(lines, 1)
      assert.match(lines[0], line)
    })

  test('rejects an unknown kind, a duplicate and a taken host', async ({ assert }) => {
    const duplicate = await ensureTenant('cli_dup')
    duplicate.hosts = ['dup.example.test']
    await duplicate.save()
    const cases: [string[], RegExp][] = [
      [['cli_kind', '--kind=ministry', '--name-ru=А', '--name-en=A'], /Invalid tenant kind "ministry"/],
      [['cli_dup', '--kind=block', '--name-ru=А', '--name-en=A'], /Tenant "cli_dup" already exists/],
      [['cli_host', '--kind=block', '--name-ru=А', '--name-en=A', '--host=DUP.example.test'], /already serves tenant "cli_dup"/],
      [['cli_host', '--kind=block', '--name-ru=А', '--name-en=A', '--host=bad host!'], /Invalid host "bad host!"/],
    ]
    for (const [args, line] of cases) {
      const command = await createCommand(TenantCreate, args)
      await command.exec()
      command.assertFailed()
      assert.match(errorLines(command)[0], line)
    }
    assert.deepEqual(await objectsOf('cli_kind'), { schemas: 0, roles: 0, rows: 0 })
    assert.deepEqual(await objectsOf('cli_host'), { schemas: 0, roles: 0, rows: 0 })
  })

  test('a create that fails while migrating leaves no schema, role or row', async ({ assert }) => {
    // in a directory of this run's own, never in the source tree (a dev server or the other shard would run it too)
    const directory = relative(app.makePath(), testTmpPath('failing_migrations'))
    await mkdir(app.makePath(directory), { recursive: true })
    await writeFile(
      app.makePath(directory, '9999999999999_failing_for_test.ts'),
      `import { BaseSchema } from '@adonisjs/lucid/schema'\nexport default class extends BaseSchema {\n  async up() { this.schema.raw('select * from table_that_does_not_exist') }\n  async down() {}\n}\n`
    )
    extraTenantMigrationPaths.push(directory)
    try {
      const command = await createCommand(TenantCreate, ['cli_broken', '--kind=block', '--name-ru=А', '--name-en=A'])
      await command.exec()
      command.assertFailed()
      assert.match(errorLines(command)[0], /Creating tenant "cli_broken" failed while migrating .*nothing was kept/)
    } finally {
      extraTenantMigrationPaths.splice(0)
      await rm(app.makePath(directory), { recursive: true, force: true })
    }
    assert.deepEqual(await objectsOf('cli_broken'), { schemas: 0, roles: 0, rows: 0 })
  })
})

test.group('Tenant CLI | lifecycle', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('tenant:list --json shows slug, kind, status, schema, role, pending migrations and users', async ({ assert }) => {
    const tenant = await ensureTenant('cli_listed')
    await inTenant(tenant, () => User.create({ email: 'one@cli-listed.test', fullName: 'One', role: 'executor', password: 'whatever-123', status: 'active' }))
    const command = await createCommand(TenantList, ['--json'])
    await command.exec()
    command.assertSucceeded()
    const rows = JSON.parse(command.logger.getLogs().map((log) => log.message).join('\n'))
    const row = rows.find((entry: { slug: string }) => entry.slug === 'cli_listed')
    assert.deepInclude(row, {
      slug: 'cli_listed',
      kind: 'block',
      status: 'active',
      schema: 'tenant_cli_listed',
      role: `${process.env.DB_DATABASE}__t_cli_listed`,
      databaseServer: null,
      pendingMigrations: 0,
      users: 1,
    })
  })

  test('tenant:list shows each tenant\'s database server, and says that only the default one is used today', async ({ assert }) => {
    const tenant = await ensureTenant('cli_placed')
    const plain = await createCommand(TenantList, [])
    await plain.exec()
    plain.assertSucceeded()
    const plainOutput = plain.logger.getLogs().map((log) => log.message).join('\n')
    assert.match(plainOutput, /cli_placed.*default/)
    assert.notInclude(plainOutput, 'Only the default database server is used today')

    await Tenant.query().where('id', tenant.id).update({ databaseServer: 'pg2.internal' })
    try {
      const placed = await createCommand(TenantList, [])
      await placed.exec()
      placed.assertSucceeded()
      const output = placed.logger.getLogs().map((log) => log.message).join('\n')
      assert.match(output, /cli_placed.*pg2\.internal/)
      assert.include(output, 'Only the default database server is used today')
    } finally {
      await Tenant.query().where('id', tenant.id).update({ databaseServer: null })
    }
  })

  test('tenant:rollback then tenant:migrate', async ({ assert }) => {
    const tenant = await ensureTenant('cli_migrated')
    const rollback = await createCommand(TenantRollback, ['cli_migrated'])
    await rollback.exec()
    rollback.assertSucceeded()
    const tables = async () =>
      (await db.rawQuery(`select count(*)::int as total from pg_tables where schemaname = ?`, [tenant.schemaName])).rows[0].total
    const afterRollback = await tables()

    const migrate = await createCommand(TenantMigrate, ['cli_migrated'])
    await migrate.exec()
    migrate.assertSucceeded()
    assert.isAbove(await tables(), afterRollback)

    const all = await createCommand(TenantMigrate, ['--all'])
    await all.exec()
    all.assertSucceeded()
    all.assertLogMatches(/cli_migrated: already up to date/)
  })

  test('tenant:migrate without a slug or --all, and with an unknown slug, fails clearly', async ({ assert }) => {
    const none = await createCommand(TenantMigrate, [])
    await none.exec()
    none.assertFailed()
    assert.match(errorLines(none)[0], /Name a tenant slug or pass --all/)

    for (const Command of [TenantMigrate, TenantRollback, TenantSuspend, TenantResume, TenantDrop]) {
      const command = await createCommand(Command, ['nosuch', '--force'].slice(0, Command === TenantDrop ? 2 : 1))
      await command.exec()
      command.assertFailed()
      assert.deepEqual(errorLines(command), ['Unknown tenant "nosuch"'])
    }
  })

  test('tenant:suspend and tenant:resume flip the status', async ({ assert }) => {
    await ensureTenant('cli_paused')
    const suspend = await createCommand(TenantSuspend, ['cli_paused'])
    await suspend.exec()
    suspend.assertSucceeded()
    assert.equal((await Tenant.findByOrFail('slug', 'cli_paused')).status, 'suspended')
    const resume = await createCommand(TenantResume, ['cli_paused'])
    await resume.exec()
    resume.assertSucceeded()
    assert.equal((await Tenant.findByOrFail('slug', 'cli_paused')).status, 'active')
  })

  test('tenant:drop refuses without --force and keeps everything', async ({ assert }) => {
    await ensureTenant('cli_kept')
    const command = await createCommand(TenantDrop, ['cli_kept'])
    await command.exec()
    command.assertFailed()
    assert.match(errorLines(command)[0], /Refusing to drop tenant "cli_kept" without --force/)
    assert.deepEqual(await objectsOf('cli_kept'), { schemas: 1, roles: 2, rows: 1 })
  })

  test('tenant:drop --force writes a pg_dump first, prints its path, and removes schema, role and row', async ({ assert }) => {
    const tenant = await ensureTenant('cli_gone')
    await inTenant(tenant, () => Department.create({ code: 'kept-in-backup', nameRu: 'В архиве', nameEn: 'In the backup', isActive: true }))
    const command = await createCommand(TenantDrop, ['cli_gone', '--force'])
    await command.exec()
    command.assertSucceeded()
    const message = command.logger.getLogs().map((log) => log.message).join('\n')
    const path = message.match(/backup: (\S+\.dump)/)?.[1]
    assert.exists(path)
    assert.isAbove((await stat(path!)).size, 0)
    assert.deepEqual(await objectsOf('cli_gone'), { schemas: 0, roles: 0, rows: 0 })
  })
})

test.group('Tenant CLI | provision and users', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('tenant:provision --only=<kind> provisions one kind; an unknown kind is refused', async ({ assert }) => {
    const catalog = app.makePath('tests/fixtures/region_small')
    const unknown = await createCommand(TenantProvision, [catalog, '--only=town'])
    await unknown.exec()
    unknown.assertFailed()
    assert.deepEqual(errorLines(unknown), ['Unknown tenant kind "town": use one of block, control, portal, municipality'])

    const command = await createCommand(TenantProvision, [catalog, '--only=municipality', '--demo-users'])
    await command.exec()
    command.assertSucceeded()
    const provisioned = await Tenant.query().whereIn('slug', ['cat_block', 'cat_portal', 'cat_town', 'cat_village']).orderBy('slug')
    assert.deepEqual(
      provisioned.map((tenant) => [tenant.slug, tenant.kind, tenant.status]),
      [
        ['cat_town', 'municipality', 'active'],
        ['cat_village', 'municipality', 'active'],
      ]
    )
    // the administration's departments everywhere; demo accounts only where the catalog says so
    const town = provisioned[0]
    const village = provisioned[1]
    assert.equal(await inTenant(town, async () => (await Department.query().where('code', 'housing')).length), 1)
    assert.equal(await inTenant(town, async () => (await User.query().where('email', 'admin@cat-town.krai.local')).length), 1)
    assert.equal(await inTenant(village, async () => (await User.query()).length), 0)
    assert.equal(town.nameRu, 'Администрация МО город Тестовый')
  })

  test('tenant:provision creates what is missing and is idempotent', async ({ assert }) => {
    const catalog = app.makePath('tests/fixtures/region_small')
    const first = await createCommand(TenantProvision, [catalog, '--demo-users'])
    await first.exec()
    first.assertSucceeded()
    const second = await createCommand(TenantProvision, [catalog, '--demo-users'])
    await second.exec()
    second.assertSucceeded()
    second.assertLogMatches(/up to date: cat_block/)

    const block = await Tenant.findByOrFail('slug', 'cat_block')
    const counts = await inTenant(block, async () => ({
      departments: (await Department.query().where('code', 'roads')).length,
      admins: (await User.query().where('email', 'admin@cat-block.krai.local')).length,
      municipalities: Number((await db.connection('tenant_cat_block').from('municipalities').count('* as total'))[0].total),
    }))
    assert.deepEqual(counts, { departments: 1, admins: 1, municipalities: 2 })
    assert.equal((await Tenant.findByOrFail('slug', 'cat_portal')).kind, 'portal')
  })

  test('tenant:user:create prints a generated password once; the password signs in', async ({ assert }) => {
    const tenant = await ensureTenant('cli_users')
    const command = await createCommand(TenantUserCreate, ['cli_users', '--email=Boss@Cli-Users.test', '--role=head', '--department=main'])
    await command.exec()
    command.assertSucceeded()
    const password = command.logger.getLogs().map((log) => log.message).join('\n').match(/shown once\): (\S+)/)?.[1]
    assert.exists(password)
    const user = await inTenant(tenant, () => User.verifyCredentials('boss@cli-users.test', password!))
    assert.equal(user.role, 'head')
    assert.isNotNull(user.departmentId)
  })

  test('tenant:user:create with --password prints no password', async ({ assert }) => {
    await ensureTenant('cli_users')
    const command = await createCommand(TenantUserCreate, ['cli_users', '--email=given@cli-users.test', '--role=executor', '--password=given-password-1'])
    await command.exec()
    command.assertSucceeded()
    assert.notMatch(command.logger.getLogs().map((log) => log.message).join('\n'), /shown once/)
  })

  test('tenant:user:create rejects {args}')
    .with([
      { args: ['cli_users', '--email=x@cli-users.test', '--role=emperor'], line: /Invalid role "emperor" for a block tenant/ },
      { args: ['cli_users', '--email=not-an-email', '--role=executor'], line: /Invalid email "not-an-email"/ },
      { args: ['cli_users', '--email=y@cli-users.test', '--role=executor', '--department=nowhere'], line: /Unknown department "nowhere"/ },
      { args: ['cli_users', '--email=z@cli-users.test', '--role=executor', '--password=short'], line: /at least 8 characters/ },
      { args: ['nosuch', '--email=z@cli-users.test', '--role=executor'], line: /Unknown tenant "nosuch"/ },
    ])
    .run(async ({ assert }, { args, line }) => {
      await ensureTenant('cli_users')
      const command = await createCommand(TenantUserCreate, args)
      await command.exec()
      command.assertFailed()
      const lines = errorLines(command)
      assert.lengthOf(lines, 1)
      assert.match(lines[0], line)
    })

  test('a duplicate user is refused', async ({ assert }) => {
    await ensureTenant('cli_users')
    const args = ['cli_users', '--email=twice@cli-users.test', '--role=executor', '--password=twice-password']
    const first = await createCommand(TenantUserCreate, args)
    await first.exec()
    first.assertSucceeded()
    const second = await createCommand(TenantUserCreate, args)
    await second.exec()
    second.assertFailed()
    assert.match(errorLines(second)[0], /already exists/)
  })
})
