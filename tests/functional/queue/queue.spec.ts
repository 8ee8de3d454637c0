import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type Bull from 'bull'
import ace from '@adonisjs/core/services/ace'
import { jobs } from '#start/jobs'
import { Job, type JobEnvelope } from '#queue/job'
import { queueService } from '#queue/queue_service'
import QueueFailed from '#commands/queue_failed'
import User from '#modules/identity/models/user'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureTenant, ensureUser, inTenant } from '#tests/helpers/tenants'
import type Tenant from '#tenancy/tenant'

/** Waits until Bull settles a job; returns its final state. */
async function settled(job: Bull.Job<JobEnvelope>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const state = await queueService.queue.getJob(job.id).then((found) => found?.getState() ?? 'missing')
    // read the job again: its data may have been fetched before it settled
    if (state === 'completed' || state === 'failed') return { state, job: (await queueService.queue.getJob(job.id))! }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`job ${job.id} did not settle`)
}

async function expiredTokenCount(tenant: Tenant) {
  return inTenant(tenant, async () =>
    Number((await tenantDb().from('auth_access_tokens').where('expires_at', '<', DateTime.now().toSQL()!).count('* as total'))[0].total)
  )
}

async function addExpiredToken(tenant: Tenant) {
  await inTenant(tenant, async () => {
    const user = await User.firstOrFail()
    const token = await User.accessTokens.create(user)
    await tenantDb().from('auth_access_tokens').where('id', String(token.identifier)).update({ expires_at: DateTime.now().minus({ days: 1 }).toSQL() })
  })
}

/** A job that always fails, to watch retries and the failed list. */
class AlwaysFailsJob extends Job {
  static jobName = 'test.always_fails'
  static tenantScoped = true
  async handle() {
    throw new Error(`refused in ${tenantScope.currentOrFail().slug}`)
  }
}

/** Reports the tenant scope it ran in. */
class WhereAmIJob extends Job {
  static jobName = 'test.where_am_i'
  static tenantScoped = true
  async handle() {
    return { tenant: tenantScope.currentOrFail().slug, users: (await User.all()).map((user) => user.email) }
  }
}

test.group('Queue | jobs | tenant scope', (group) => {
  let alpha: Tenant
  let beta: Tenant

  group.setup(async () => {
    jobs['test.always_fails'] = async () => ({ default: AlwaysFailsJob })
    jobs['test.where_am_i'] = async () => ({ default: WhereAmIJob })
    // jobs queued by earlier tests (e-mail deliveries of every tenant) are not this group's business
    await queueService.queue.empty()
    queueService.process(2)
    alpha = await ensureTenant('q_alpha')
    beta = await ensureTenant('q_beta')
    await ensureUser(alpha, 'admin')
    await ensureUser(beta, 'admin')
    return async () => {
      // the next groups must not find a worker left running in this process
      await queueService.close()
      delete jobs['test.always_fails']
      delete jobs['test.where_am_i']
    }
  })

  test('a job runs inside the scope of the tenant it carries', async ({ assert }) => {
    const job = await queueService.dispatch('test.where_am_i', {}, { tenant: 'q_beta' })
    const result = await settled(job)
    assert.equal(result.state, 'completed')
    assert.deepEqual(result.job.returnvalue, { tenant: 'q_beta', users: ['admin@q-beta.test'] })
  })

  test('the purge job touches only its own tenant', async ({ assert }) => {
    await addExpiredToken(alpha)
    await addExpiredToken(beta)
    const job = await queueService.dispatch('identity.purge_expired_credentials', {}, { tenant: 'q_alpha' })
    assert.equal((await settled(job)).state, 'completed')
    assert.equal(await expiredTokenCount(alpha), 0)
    assert.equal(await expiredTokenCount(beta), 1)
  })

  test('a schedule fans out to every active tenant, once per tenant', async ({ assert }) => {
    await addExpiredToken(alpha)
    await addExpiredToken(beta)
    const fanOut = await queueService.dispatch('queue.fan_out', { job: 'identity.purge_expired_credentials' })
    const result = await settled(fanOut)
    assert.equal(result.state, 'completed')
    assert.isAtLeast(result.job.returnvalue.tenants, 2)
    // the per-tenant jobs carry a run key, so a retried fan-out adds no duplicates
    const again = await queueService.dispatchToEveryTenant('identity.purge_expired_credentials', {}, String(result.job.timestamp))
    assert.equal(again, result.job.returnvalue.tenants)
    // one job per tenant of the whole suite's database (a hundred and more by now), run by the test's worker
    const deadline = Date.now() + 40_000
    while ((await expiredTokenCount(alpha)) + (await expiredTokenCount(beta)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.equal(await expiredTokenCount(alpha), 0)
    assert.equal(await expiredTokenCount(beta), 0)
  }).timeout(60_000)

  test('a failing job is retried with backoff, then kept and listed by queue:failed', async ({ assert }) => {
    const job = await queueService.queue.add(
      'test.always_fails',
      { tenant: 'q_alpha', payload: {} },
      { attempts: 2, backoff: { type: 'fixed', delay: 200 }, removeOnFail: false }
    )
    const result = await settled(job)
    assert.equal(result.state, 'failed')
    assert.equal(result.job.attemptsMade, 2)
    assert.equal(result.job.failedReason, 'refused in q_alpha')

    ace.ui.switchMode('raw')
    try {
      ace.ui.logger.flushLogs()
      const command = await ace.create(QueueFailed, ['--json'])
      await command.exec()
      command.assertSucceeded()
      const rows = JSON.parse(command.logger.getLogs().map((log) => log.message).join('\n'))
      assert.deepInclude(rows, {
        id: String(job.id),
        name: 'test.always_fails',
        tenant: 'q_alpha',
        attempts: 2,
        failedAt: new Date(result.job.finishedOn!).toISOString(),
        reason: 'refused in q_alpha',
      })
    } finally {
      ace.ui.switchMode('normal')
    }
  })

  test('jobs of a suspended tenant are skipped', async ({ assert }) => {
    const paused = await ensureTenant('q_paused')
    await tenantProvisioner.setStatus(paused, 'suspended')
    const job = await queueService.dispatch('test.where_am_i', {}, { tenant: 'q_paused' })
    const result = await settled(job)
    assert.equal(result.state, 'completed')
    assert.deepEqual(result.job.returnvalue, { skipped: 'tenant suspended' })
    await tenantProvisioner.setStatus(paused, 'active')
  })

  test('jobs of a dropped tenant fail at once without retries', async ({ assert }) => {
    const doomed = await ensureTenant('q_doomed')
    await tenantProvisioner.drop(doomed)
    const job = await queueService.dispatch('test.where_am_i', {}, { tenant: 'q_doomed' })
    const result = await settled(job)
    // 'failed' (not 'delayed') right away: discarded, no retry is scheduled
    assert.equal(result.state, 'failed')
    assert.equal(result.job.failedReason, 'Tenant "q_doomed" no longer exists')
  }).timeout(60_000) // provisioning and dropping a tenant: seconds alone, past 30 s on a loaded machine

  test('an unknown job name is refused at dispatch', async ({ assert }) => {
    await assert.rejects(() => queueService.dispatch('nope.nothing'), /Unknown job "nope.nothing"/)
  })

  test('repeatable schedules are registered once and stale ones removed', async ({ assert }) => {
    await queueService.registerSchedules([{ job: 'identity.purge_expired_credentials', cron: '0 4 * * *', perTenant: true }])
    await queueService.registerSchedules([{ job: 'identity.purge_expired_credentials', cron: '15 3 * * *', perTenant: true }])
    const repeatables = await queueService.queue.getRepeatableJobs()
    assert.deepEqual(
      repeatables.map((entry) => ({ name: entry.name, cron: entry.cron })),
      [{ name: 'queue.fan_out', cron: '15 3 * * *' }]
    )
  })
})
