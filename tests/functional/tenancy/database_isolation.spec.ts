import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { tenantDb } from '#tenancy/tenant_model'
import { ownerRoleNameFor } from '#tenancy/naming'
import { ensureTenant, ensureUser, inTenant } from '#tests/helpers/tenants'

test.group('Tenancy | isolation | database', (group) => {
  let alpha: Awaited<ReturnType<typeof ensureTenant>>
  let beta: Awaited<ReturnType<typeof ensureTenant>>

  group.setup(async () => {
    alpha = await ensureTenant('iso_alpha')
    beta = await ensureTenant('iso_beta')
    await ensureUser(beta, 'admin')
  })

  test("reading another tenant's table is permission denied", async ({ assert }) => {
    await inTenant(alpha, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select * from tenant_iso_beta.users'), /permission denied/)
    })
  })

  test("writing into another tenant's table is permission denied", async ({ assert }) => {
    await inTenant(alpha, async () => {
      await assert.rejects(
        () => tenantDb().rawQuery(`insert into tenant_iso_beta.departments (code, name_ru, name_en, created_at, updated_at) values ('x', 'x', 'x', now(), now())`),
        /permission denied/
      )
    })
  })

  test('the central registry is permission denied', async ({ assert }) => {
    await inTenant(alpha, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select * from public.tenants'), /permission denied/)
      await assert.rejects(() => tenantDb().rawQuery('select * from public.central_audit_entries'), /permission denied/)
    })
  })

  test('sessions run as the tenant role with only its schema on the search path', async ({ assert }) => {
    const row = await inTenant(alpha, async () =>
      (await tenantDb().rawQuery('select current_user, current_setting(\'search_path\') as path, current_schema() as schema')).rows[0]
    )
    assert.equal(row.current_user, alpha.roleName)
    assert.equal(row.path, 'tenant_iso_alpha')
    assert.equal(row.schema, 'tenant_iso_alpha')
  })

  test('the tenant role is not privileged, and its schema belongs to the owner role', async ({ assert }) => {
    const role = await inTenant(alpha, async () =>
      (await tenantDb().rawQuery('select rolsuper, rolcreaterole, rolcreatedb, rolcanlogin from pg_roles where rolname = current_user')).rows[0]
    )
    assert.deepEqual(role, { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: false })

    const owned = await inTenant(alpha, async () =>
      (await tenantDb().rawQuery('select nspname from pg_namespace where nspowner = (select oid from pg_roles where rolname = current_user)')).rows
    )
    assert.deepEqual(owned, [])
    const owner = await db.rawQuery(`select nspowner::regrole::text as owner from pg_namespace where nspname = 'tenant_iso_alpha'`)
    assert.equal(owner.rows[0].owner, ownerRoleNameFor('iso_alpha'))
  })

  test('an unqualified table name resolves to the own schema only', async ({ assert }) => {
    const counts = await inTenant(alpha, async () => (await tenantDb().rawQuery('select count(*)::int as total from users')).rows[0])
    assert.equal(counts.total, 0)
  })
})
