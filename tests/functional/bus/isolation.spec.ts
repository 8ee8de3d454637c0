import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#tenancy/tenant'
import { busDb } from '#bus/bus_role'
import { busRoleName } from '#tenancy/naming'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { ensureTenant, ensureUser, inTenant } from '#tests/helpers/tenants'
import { sendFrom } from '#tests/helpers/bus'

const insertInbox = (schema: string, id: string) =>
  busDb().rawQuery(
    `insert into ${schema}.bus_inbox (id, type, source_tenant, target_tenant, payload, sent_at)
     values (?, 'bus.ping', 'busiso_alpha', 'busiso_beta', '{}', now()) on conflict (id) do nothing`,
    [id]
  )

/** Asserts that the statement fails with permission denied (names it when it does not). */
async function assertDenied(assert: any, run: () => Promise<unknown>, sql: string) {
  const error = await run().then(
    () => null,
    (failure: Error) => failure
  )
  assert.match(error?.message ?? 'it succeeded', /permission denied/, sql)
}

test.group('Bus | isolation | roles', (group) => {
  let alpha: Tenant
  let beta: Tenant

  group.setup(async () => {
    alpha = await ensureTenant('busiso_alpha')
    beta = await ensureTenant('busiso_beta')
    await ensureUser(beta, 'admin')
    await sendFrom(beta, 'busiso_alpha', 'bus.ping', [{ echo: 'secret' }])
  })

  test("a tenant cannot read or write another tenant's inbox or outbox", async ({ assert }) => {
    await inTenant(alpha, async () => {
      for (const sql of [
        'select * from tenant_busiso_beta.bus_inbox',
        'select * from tenant_busiso_beta.bus_outbox',
        `insert into tenant_busiso_beta.bus_inbox (id, type, source_tenant, target_tenant, sent_at) values (gen_random_uuid(), 'bus.ping', 'x', 'y', now())`,
        `update tenant_busiso_beta.bus_outbox set status = 'delivered'`,
      ]) {
        await assertDenied(assert, () => tenantDb().rawQuery(sql), sql)
      }
    })
  })

  test('the bus role may insert into and read every inbox, and nothing else', async ({ assert }) => {
    const id = crypto.randomUUID()
    await insertInbox('tenant_busiso_beta', id)
    const seen = await busDb().rawQuery('select id from tenant_busiso_beta.bus_inbox where id = ?', [id])
    assert.equal(seen.rowCount, 1)
    await insertInbox('tenant_busiso_alpha', crypto.randomUUID())

    for (const sql of [
      'select * from tenant_busiso_beta.users',
      'select * from tenant_busiso_beta.departments',
      'select * from tenant_busiso_beta.bus_outbox',
      'select * from tenant_busiso_beta.adonis_schema',
      `update tenant_busiso_beta.bus_inbox set status = 'applied'`,
      'delete from tenant_busiso_beta.bus_inbox',
      `insert into tenant_busiso_beta.departments (code, name_ru, name_en, created_at, updated_at) values ('x', 'x', 'x', now(), now())`,
      'select * from public.tenants',
      'create table tenant_busiso_beta.intruder (id int)',
    ]) {
      await assertDenied(assert, () => busDb().rawQuery(sql), sql)
    }
  })

  test('the bus role is named after the database, cannot log in and holds no power', async ({ assert }) => {
    const role = (
      await db.rawQuery('select rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin from pg_roles where rolname = ?', [
        busRoleName(),
      ])
    ).rows[0]
    assert.deepEqual(role, {
      rolname: `${process.env.DB_DATABASE}__bus`,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolcanlogin: false,
    })
    const session = (await busDb().rawQuery('select current_user')).rows[0]
    assert.equal(session.current_user, busRoleName())
  })

  test('tenant:migrate gives the bus role back its grants on an existing tenant', async ({ assert }) => {
    await db.rawQuery(`revoke all on tenant_busiso_alpha.bus_inbox from ${busRoleName()}`)
    await assert.rejects(() => insertInbox('tenant_busiso_alpha', crypto.randomUUID()), /permission denied/)
    await tenantProvisioner.migrate(alpha)
    await insertInbox('tenant_busiso_alpha', crypto.randomUUID())
    // and the grants are exactly INSERT and SELECT on the inbox
    const grants = await db.rawQuery(
      `select table_name, privilege_type from information_schema.role_table_grants
        where grantee = ? and table_schema = 'tenant_busiso_alpha' order by 1, 2`,
      [busRoleName()]
    )
    assert.deepEqual(grants.rows, [
      { table_name: 'bus_inbox', privilege_type: 'INSERT' },
      { table_name: 'bus_inbox', privilege_type: 'SELECT' },
    ])
  })
})
