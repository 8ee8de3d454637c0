import { test } from '@japa/runner'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { tenantDb } from '#tenancy/tenant_model'
import { busDb } from '#bus/bus_role'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { ROLLUP_SCHEMA, rollupBuilder } from '#tenancy/rollup'
import { ensureTenant, inTenant, rollupReady } from '#tests/helpers/tenants'
import type Tenant from '#tenancy/tenant'

/**
 * Owners are not users: the roles that serve requests and jobs (each
 * tenant's runtime role, the bus role, the control tenant reading the rollup)
 * may read and write rows, never change the schema. An owner could plant a
 * trigger or an RLS policy that runs as whoever touches the table next.
 */

const INSUFFICIENT_PRIVILEGE = '42501'

/** Each statement must fail with insufficient_privilege, whatever the wording. */
async function assertAllDenied(assert: any, client: () => QueryClientContract, statements: string[]) {
  for (const sql of statements) {
    let outcome = 'allowed'
    try {
      await client().rawQuery(sql)
    } catch (error) {
      outcome = (error as { code?: string }).code ?? (error as Error).message
    }
    assert.equal(outcome, INSUFFICIENT_PRIVILEGE, sql)
  }
}

/** Schema changes a runtime role tries on a table of its own schema. */
function schemaChangesOn(table: string, schema: string) {
  return [
    `create trigger planted before insert on ${table} for each row execute function suppress_redundant_updates_trigger()`,
    `create policy planted on ${table} using (true)`,
    `alter table ${table} add column planted int`,
    `alter table ${table} enable row level security`,
    `create function ${schema}.planted() returns int language sql as 'select 1'`,
    `create table ${schema}.planted (id int)`,
    `create view ${schema}.planted as select 1 as one`,
    `drop table ${table}`,
    `create temp table planted (id int)`,
    `create schema planted`,
    `create table public.planted (id int)`,
  ]
}

test.group('Tenancy | privileges | runtime roles own nothing', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  let block: Tenant
  let control: Tenant
  let portal: Tenant

  group.setup(async () => {
    block = await ensureTenant('priv_block')
    control = await ensureTenant('priv_control', 'control')
    portal = await ensureTenant('priv_portal', 'portal')
  })

  for (const kind of ['block', 'control', 'portal'] as const) {
    test(`the ${kind} runtime role cannot change its own schema`, async ({ assert }) => {
      const tenant = { block, control, portal }[kind]
      await inTenant(tenant, () => assertAllDenied(assert, tenantDb, schemaChangesOn('departments', tenant.schemaName)))
    })

    test(`the ${kind} runtime role still reads and writes its rows`, async ({ assert }) => {
      const tenant = { block, control, portal }[kind]
      const count = await inTenant(tenant, async () => {
        await tenantDb().rawQuery(
          `insert into departments (code, name_ru, name_en, is_active, created_at, updated_at) values ('priv', 'П', 'P', true, now(), now())`
        )
        await tenantDb().rawQuery(`update departments set name_en = 'Q' where code = 'priv'`)
        const row = (await tenantDb().rawQuery(`select count(*)::int as total from departments where code = 'priv'`)).rows[0]
        await tenantDb().rawQuery(`delete from departments where code = 'priv'`)
        return row.total
      })
      assert.equal(count, 1)
    })
  }

  test('the runtime role owns no object in the database', async ({ assert }) => {
    const owned = await db.rawQuery(
      `select count(*)::int as total from pg_shdepend d join pg_roles r on r.oid = d.refobjid
        where d.deptype = 'o' and d.dbid = (select oid from pg_database where datname = current_database())
          and r.rolname = any(?)`,
      [[block.roleName, control.roleName, portal.roleName]]
    )
    assert.equal(owned.rows[0].total, 0)
  })

  test('the bus role cannot change the inbox it writes to', async ({ assert }) => {
    await assertAllDenied(assert, busDb, [
      ...schemaChangesOn(`${block.schemaName}.bus_inbox`, block.schemaName),
      `create trigger planted after insert on ${portal.schemaName}.bus_inbox for each row execute function suppress_redundant_updates_trigger()`,
    ])
  })

  test('the control tenant reads the rollup and cannot change it', async ({ assert }) => {
    await rollupBuilder.rebuild()
    await inTenant(control, async () => {
      const rows = await tenantDb().rawQuery(`select count(*)::int as total from ${ROLLUP_SCHEMA}.freshness`)
      assert.isAtLeast(rows.rows[0].total, 0)
      await assertAllDenied(assert, tenantDb, [
        ...schemaChangesOn(`${ROLLUP_SCHEMA}.freshness`, ROLLUP_SCHEMA),
        `refresh materialized view ${ROLLUP_SCHEMA}.order_stats`,
      ])
    })
  })

  test('migrations still run and what they create is usable at run time', async ({ assert }) => {
    // A fresh tenant's migrations are one batch: all of them are reverted and applied again.
    const reverted = await tenantProvisioner.rollback(block)
    assert.isAbove(reverted.length, 0)
    const applied = await tenantProvisioner.migrate(block)
    assert.sameMembers(applied, reverted)
    // The latest migration's tables are new objects: default privileges must reach them.
    const total = await inTenant(block, async () => {
      await tenantDb().rawQuery(
        `insert into departments (code, name_ru, name_en, is_active, created_at, updated_at) values ('after', 'П', 'P', true, now(), now())`
      )
      return (await tenantDb().rawQuery('select count(*)::int as total from departments')).rows[0].total
    })
    assert.isAtLeast(total, 1)
    await inTenant(block, () => assertAllDenied(assert, tenantDb, schemaChangesOn('departments', block.schemaName)))
  }).timeout(120_000) // every migration down and up again: ~11 s alone, past 30 s on a loaded CI machine
})
