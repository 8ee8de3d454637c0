import { test } from '@japa/runner'
import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import { SharedPools } from '#tenancy/shared_pools'
import { ensureTenant, ensureUser } from '#tests/helpers/tenants'
import type Tenant from '#tenancy/tenant'

/**
 * Every tenant borrows from one pool; its role and search path are set per
 * transaction. On a pool of a single connection, two tenants take turns on
 * the same PostgreSQL session and neither ever sees the other's identity,
 * settings or rows.
 */
test.group('Tenancy | shared pool | one connection, two tenants', (group) => {
  let alpha: Tenant
  let beta: Tenant
  const pools = new SharedPools({ max: 1 })

  /** A Lucid connection for the tenant on the one-connection pool. */
  function on(tenant: Tenant) {
    const name = `pool_of_one_${tenant.slug}`
    if (!db.manager.has(name)) {
      db.manager.add(name, {
        client: 'pg',
        connectionPool: pools.view('runtime', { role: tenant.roleName, searchPath: pg.escapeIdentifier(tenant.schemaName) }),
      } as any)
    }
    return db.connection(name)
  }

  const identity = (tenant: Tenant) =>
    on(tenant)
      .rawQuery(`select pg_backend_pid() as pid, current_user as role, current_setting('search_path') as path, current_setting('statement_timeout') as timeout`)
      .then((result) => result.rows[0])

  group.setup(async () => {
    alpha = await ensureTenant('pool_alpha')
    beta = await ensureTenant('pool_beta')
    await ensureUser(alpha, 'admin')
  })

  group.teardown(async () => {
    for (const tenant of [alpha, beta]) await db.manager.close(`pool_of_one_${tenant.slug}`, true)
    await pools.end()
  })

  test('both tenants run on the same backend, each as itself', async ({ assert }) => {
    const first = await identity(alpha)
    const second = await identity(beta)
    assert.equal(first.pid, second.pid)
    assert.equal(first.role, alpha.roleName)
    assert.equal(second.role, beta.roleName)
    assert.equal(first.path, `tenant_pool_alpha`)
    assert.equal(second.path, `tenant_pool_beta`)
  })

  test('settings a tenant changes for the session do not reach the next borrower', async ({ assert }) => {
    await on(alpha).rawQuery(`select set_config('search_path', 'public', false), set_config('statement_timeout', '1', false)`)
    await on(alpha).transaction(async (trx) => {
      await trx.rawQuery(`select set_config('search_path', ${pg.escapeLiteral(beta.schemaName)}, false)`)
    })
    const next = await identity(beta)
    assert.equal(next.role, beta.roleName)
    assert.equal(next.path, 'tenant_pool_beta')
    assert.equal(next.timeout, '0')
    const again = await identity(alpha)
    assert.equal(again.path, 'tenant_pool_alpha')
  })

  test('interleaved transactions wait for the connection and keep their own rows', async ({ assert }) => {
    const order: string[] = []
    const inAlpha = on(alpha).transaction(async (trx) => {
      order.push('alpha started')
      await new Promise((resolve) => setTimeout(resolve, 100))
      const users = await trx.rawQuery('select count(*)::int as total from users')
      order.push('alpha done')
      return users.rows[0].total
    })
    const inBeta = on(beta).transaction(async (trx) => {
      order.push('beta started')
      const users = await trx.rawQuery('select count(*)::int as total from users')
      return users.rows[0].total
    })
    const [alphaUsers, betaUsers] = await Promise.all([inAlpha, inBeta])
    assert.deepEqual(order, ['alpha started', 'alpha done', 'beta started'])
    assert.equal(alphaUsers, 1)
    assert.equal(betaUsers, 0)
  })

  test('a failed statement rolls back and leaves the connection clean for the other tenant', async ({ assert }) => {
    await assert.rejects(() => on(alpha).rawQuery('select * from tenant_pool_beta.users'), /permission denied/)
    await assert.rejects(() =>
      on(alpha).transaction(async (trx) => {
        await trx.rawQuery(`insert into departments (code, name_ru, name_en, is_active, created_at, updated_at) values ('gone', 'x', 'x', true, now(), now())`)
        await trx.rawQuery('select 1/0')
      })
    )
    const kept = await on(alpha).rawQuery(`select count(*)::int as total from departments where code = 'gone'`)
    assert.equal(kept.rows[0].total, 0)
    assert.equal((await identity(beta)).role, beta.roleName)
  })

  test('a statement without parameters travels with its switch and commit, and leaves no transaction open', async ({ assert }) => {
    const commented = await on(alpha).rawQuery(`select count(*)::int as total from users -- a trailing comment`)
    assert.equal(commented.rows[0].total, 1)
    const inTransaction = `select now() = statement_timestamp() as fresh`
    assert.isTrue((await on(beta).rawQuery(inTransaction)).rows[0].fresh)

    await assert.rejects(() => on(alpha).rawQuery('select from where'), /syntax error/)
    await assert.rejects(() => on(alpha).rawQuery(`select 1; select * from tenant_pool_beta.users`), /permission denied/)
    const next = await identity(beta)
    assert.equal(next.role, beta.roleName)
    assert.equal(next.path, 'tenant_pool_beta')
    assert.isTrue((await on(beta).rawQuery(inTransaction)).rows[0].fresh)

    const bound = await on(alpha).rawQuery('select count(*)::int as total from users where role = ?', ['admin'])
    assert.equal(bound.rows[0].total, 1)
  })

  test('session-level statements are refused on a shared connection', async ({ assert }) => {
    for (const sql of ['set search_path to public', 'reset role', 'prepare planted as select 1', 'listen planted', 'discard all']) {
      await assert.rejects(() => on(alpha).rawQuery(sql), /Refused on a shared connection/)
    }
    await on(alpha).transaction(async (trx) => {
      await trx.rawQuery('set local statement_timeout = 5000')
    })
  })

  test('the login itself can read no tenant: a statement that escaped its identity fails closed', async ({ assert }) => {
    const client = await pools.pool('runtime').connect()
    try {
      await assert.rejects(() => client.query('select * from tenant_pool_alpha.users'), /permission denied/)
      await assert.rejects(() => client.query('select * from public.tenants'), /permission denied/)
    } finally {
      client.release()
    }
  })
})
