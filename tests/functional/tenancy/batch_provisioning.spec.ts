import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Tenant from '#tenancy/tenant'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * A region's catalog is created as one batch: tenants side by side, one
 * rollup rebuild at the end; each tenant is as complete as one made alone.
 */
test.group('Tenancy | provisioning | a batch of tenants side by side', () => {
  test('every tenant of the batch is active, migrated, usable by its runtime role and in the rollup', async ({ assert }) => {
    const seen: string[] = []
    const created = await tenantProvisioner.createMany(
      ['batch_a', 'batch_b', 'batch_c'].map((slug, index) => ({
        slug,
        kind: index === 0 ? 'block' : 'municipality',
        nameRu: `Пакет ${slug}`,
        nameEn: `Batch ${slug}`,
      })),
      { concurrency: 2, onCreated: async (tenant) => seen.push(tenant.slug) }
    )
    assert.sameMembers(created.map((tenant) => tenant.slug), ['batch_a', 'batch_b', 'batch_c'])
    assert.sameMembers(seen, ['batch_a', 'batch_b', 'batch_c'])

    for (const slug of seen) {
      const tenant = await Tenant.findByOrFail('slug', slug)
      assert.equal(tenant.status, 'active')
      const users = await tenantScope.run(tenant, () => tenantDb().from('users').count('* as total'))
      assert.equal(Number(users[0].total), 0)
      // Lucid's bookkeeping stays the owner's business
      await assert.rejects(() => tenantScope.run(tenant, () => tenantDb().from('adonis_schema').count('* as total')), /permission denied/)
    }
    const views = await db.rawQuery(
      `select string_agg(pg_get_viewdef(c.oid), ' ') as sql from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'rollup' and c.relkind = 'v'`
    )
    for (const slug of seen) assert.include(views.rows[0].sql, `tenant_${slug}`)
  })

  test('a failure stops the batch: the tenants made before it stay, the failed one leaves nothing', async ({ assert }) => {
    await assert.rejects(
      () =>
        tenantProvisioner.createMany(
          [
            { slug: 'batch_kept', kind: 'municipality', nameRu: 'Остаётся', nameEn: 'Kept' },
            { slug: 'batch_bad', kind: 'nonsense', nameRu: 'Плохой', nameEn: 'Bad' },
            { slug: 'batch_never', kind: 'municipality', nameRu: 'Не создан', nameEn: 'Never' },
          ],
          { concurrency: 1 }
        ),
      /Invalid tenant kind "nonsense"/
    )
    assert.equal((await Tenant.findByOrFail('slug', 'batch_kept')).status, 'active')
    assert.isNull(await Tenant.findBy('slug', 'batch_bad'))
    assert.isNull(await Tenant.findBy('slug', 'batch_never'))
  })
})

test.group('Tenancy | provisioning | beside rollup rebuilds', () => {
  test('tenants created while the rollup is rebuilt over and over (the scheduled refresh does that when it is stale) all come out whole', async ({ assert }) => {
    const { rollupBuilder } = await import('#tenancy/rollup')
    let rebuilding = true
    let rebuilds = 0
    // PostgreSQL refuses two GRANTs on one catalog row at once ("tuple concurrently updated"); the provisioner and the rollup take turns
    const rebuilder = (async () => {
      while (rebuilding) {
        await rollupBuilder.rebuild()
        rebuilds++
      }
    })()
    try {
      const created = await tenantProvisioner.createMany(
        // two side by side: each creation races the rebuilds (four found nothing more and cost the suite 20 s)
        ['race_a', 'race_b'].map((slug) => ({ slug, kind: 'block' as const, nameRu: `Гонка ${slug}`, nameEn: `Race ${slug}` })),
        { concurrency: 2, rebuildRollup: false }
      )
      assert.lengthOf(created, 2)
    } finally {
      rebuilding = false
      await rebuilder
    }
    assert.isAbove(rebuilds, 0)
    for (const slug of ['race_a', 'race_b']) {
      const tenant = await Tenant.findByOrFail('slug', slug)
      assert.equal(tenant.status, 'active')
      const users = await tenantScope.run(tenant, () => tenantDb().from('users').count('* as total'))
      assert.equal(Number(users[0].total), 0)
    }
  }).timeout(120_000)
})
