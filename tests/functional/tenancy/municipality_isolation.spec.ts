import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantUrl } from '#tenancy/tenant_urls'
import { rollupBuilder } from '#tenancy/rollup'
import { ensureTenant, ensureUser, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'

/**
 * Municipalities are tenants of their own kind: they read no block, no other
 * municipality and no registry; their hosts spell the slug's "_" as "-"; they
 * get the bodies' modules (orders, planner, staffing, lawsuits, the problems
 * inbox) and not the region's (programmes, ratings, control pages); the
 * Department of Control sees them in its rollup.
 */
test.group('Tenancy | isolation | municipalities', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  let block: Awaited<ReturnType<typeof ensureTenant>>
  let town: Awaited<ReturnType<typeof ensureTenant>>
  let village: Awaited<ReturnType<typeof ensureTenant>>

  group.setup(async () => {
    block = await ensureTenant('muni_block')
    town = await ensureTenant('muni_town', 'municipality')
    village = await ensureTenant('muni_village', 'municipality')
    await ensureTenant('muni_control', 'control')
    await ensureUser(town, 'admin')
    await ensureUser(village, 'admin')
    await ensureUser(block, 'admin')
  })

  test('a municipality reads no block, no other municipality and no registry; neither reads it', async ({ assert }) => {
    await inTenant(town, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select * from tenant_muni_village.users'), /permission denied/)
      await assert.rejects(() => tenantDb().rawQuery('select * from tenant_muni_block.users'), /permission denied/)
      await assert.rejects(() => tenantDb().rawQuery('select * from public.tenants'), /permission denied/)
      await assert.rejects(() => tenantDb().rawQuery('select * from rollup.departments'), /permission denied/)
      await assert.rejects(
        () => tenantDb().rawQuery(`insert into tenant_muni_village.departments (code, name_ru, name_en, created_at, updated_at) values ('x', 'x', 'x', now(), now())`),
        /permission denied/
      )
      const own = await tenantDb().rawQuery('select current_user as role, count(*)::int as users from users group by 1')
      assert.deepEqual(own.rows, [{ role: town.roleName, users: 1 }])
    })
    await inTenant(block, async () => {
      await assert.rejects(() => tenantDb().rawQuery('select * from tenant_muni_town.users'), /permission denied/)
    })
  })

  test('a municipality runtime role may not create objects in its own schema', async ({ assert }) => {
    await inTenant(town, async () => {
      await assert.rejects(() => tenantDb().rawQuery('create table sneaky (id int)'), /permission denied/)
      await assert.rejects(
        () => tenantDb().rawQuery(`create function sneaky() returns trigger language plpgsql as $$ begin return new; end $$`),
        /permission denied/
      )
    })
  })

  test('hosts spell "_" as "-"; each host serves only its own users', async ({ client, assert }) => {
    assert.equal((await tenantRegistry.findByHost('muni-town.localhost'))?.slug, 'muni_town')
    assert.match(tenantUrl(town), /^http:\/\/muni-town\.localhost/)

    const own = await signIn(client, 'muni-town.localhost', 'admin@muni-town.test')
    own.response.assertHeader('location', '/dashboard')
    // the other municipality's admin does not exist here
    const foreign = await signIn(client, 'muni-town.localhost', 'admin@muni-village.test')
    assert.notEqual(foreign.response.header('location'), '/dashboard')
  })

  test('a municipality has the bodies’ modules and not the region’s', async ({ client }) => {
    const { session } = await signIn(client, 'muni-town.localhost', 'admin@muni-town.test')
    const get = (path: string) => client.get(path).header('host', 'muni-town.localhost').withCookie(SESSION_COOKIE, session).redirects(0)
    for (const path of ['/orders', '/planner', '/staffing', '/lawsuits', '/problems/inbox']) (await get(path)).assertStatus(200)
    for (const path of ['/programmes', '/ratings', '/control', '/problems/new']) (await get(path)).assertStatus(404)
  })

  test('the rollup holds municipalities beside blocks; the control tenant reads them only there', async ({ assert }) => {
    await rollupBuilder.rebuild()
    const rows = await db.rawQuery(`select distinct block from rollup.departments where block like 'muni_%' order by block`)
    assert.deepEqual(
      rows.rows.map((row: { block: string }) => row.block),
      ['muni_block', 'muni_town', 'muni_village']
    )
    const control = (await tenantRegistry.findBySlug('muni_control'))!
    await inTenant(control, async () => {
      const seen = await tenantDb().rawQuery(`select count(*)::int as total from rollup.departments where block = 'muni_town'`)
      assert.equal(seen.rows[0].total, 1)
      await assert.rejects(() => tenantDb().rawQuery('select * from tenant_muni_town.departments'), /permission denied/)
    })
  })
})
