import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#tenancy/tenant'
import { bus } from '#bus/bus'
import { relayOutbox } from '#bus/relay'
import { applyInbox, loadBusHandlers } from '#bus/apply'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { sendFrom, withEnv } from '#tests/helpers/bus'

/** `node ace …` as a separate process, the way a sysadmin runs it. */
function ace(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['ace', ...args],
      { cwd: app.makePath(), env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

function row(tenant: Tenant, table: 'bus_outbox' | 'bus_inbox', id: string) {
  return inTenant(tenant, async () => (await tenantDb().rawQuery(`select * from ${table} where id = ?`, [id])).rows[0])
}

const QUICK_RETRIES = { BUS_MAX_ATTEMPTS: 3, BUS_RETRY_DELAY_MS: 0 }

test.group('Bus | failures | poison messages, bus:status, bus:retry', (group) => {
  let alpha: Tenant
  let beta: Tenant
  let poison: string

  group.setup(async () => {
    alpha = await ensureTenant('busf_alpha')
    beta = await ensureTenant('busf_beta')
    await loadBusHandlers()
    const original = bus.handlerFor('bus.pong')!
    bus.forget('bus.pong')
    bus.handle('bus.pong', async (message) => {
      if (message.payload.echo === 'poison') throw new Error('pong refused: poison')
    })
    return () => {
      bus.forget('bus.pong')
      bus.handle('bus.pong', original)
    }
  })

  test('a message whose handler keeps failing is set aside after BUS_MAX_ATTEMPTS tries, with its last error', async ({ assert }) => {
    ;[poison] = await sendFrom(alpha, 'busf_beta', 'bus.pong', [{ echo: 'poison' }])
    const [healthy] = await sendFrom(alpha, 'busf_beta', 'bus.pong', [{ echo: 'fine' }])
    await inTenant(alpha, () => relayOutbox())

    await withEnv(QUICK_RETRIES, async () => {
      for (let attempt = 0; attempt < 5; attempt++) await inTenant(beta, () => applyInbox())
    })
    // the healthy message next to it was applied at once, the poison one stopped after 3 tries
    assert.containSubset(await row(beta, 'bus_inbox', healthy), { status: 'applied', attempts: 1 })
    assert.containSubset(await row(beta, 'bus_inbox', poison), {
      status: 'failed',
      attempts: 3,
      last_error: 'pong refused: poison',
    })
  })

  test('bus:status prints a table per tenant and the failed message with its error; exit 0', async ({ assert }) => {
    const result = await ace(['bus:status'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /tenant.*outbox pending.*delivered.*failed.*oldest pending.*inbox pending.*applied/)
    assert.match(result.stdout, /busf_beta\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*-\s*│\s*0\s*│\s*1\s*│\s*1\s*│\s*-/)
    assert.match(result.stdout, new RegExp(`busf_beta.*inbox.*${poison}.*bus\\.pong.*busf_alpha.*3.*pong refused: poison`))

    const json = JSON.parse((await ace(['bus:status', '--json', '--tenant=busf_beta'])).stdout)
    assert.deepEqual(json.tenants, [
      {
        tenant: 'busf_beta',
        status: 'active',
        migrated: true,
        outbox: { pending: 0, done: 0, failed: 0, oldestPendingSeconds: null },
        inbox: { pending: 0, done: 1, failed: 1, oldestPendingSeconds: null },
      },
    ])
  })

  test('bus:retry --tenant --id sends a failed message again; once its handler works it is applied', async ({ assert }) => {
    bus.forget('bus.pong')
    bus.handle('bus.pong', async () => {})
    const result = await ace(['bus:retry', '--tenant=busf_beta', `--id=${poison}`])
    assert.equal(result.code, 0, result.stderr)
    assert.include(result.stdout, 'Sent again: 0 to deliver, 1 to apply')
    const audit = await db.from('central_audit_entries').where('action', 'bus.retried').orderBy('id', 'desc').first()
    assert.containSubset(audit, { tenant_slug: 'busf_beta', details: { id: poison, outbox: 0, inbox: 1 } })
    assert.containSubset(await row(beta, 'bus_inbox', poison), { status: 'pending', attempts: 0, last_error: 'pong refused: poison' })

    await inTenant(beta, () => applyInbox())
    assert.containSubset(await row(beta, 'bus_inbox', poison), { status: 'applied', attempts: 1, last_error: null })
  })

  test('a message to a tenant that was dropped fails in the outbox, and bus:retry sends it again', async ({ assert }) => {
    const doomed = await ensureTenant('busf_doomed')
    const [lost] = await sendFrom(alpha, 'busf_doomed', 'bus.ping', [{ echo: 'too late' }])
    await tenantProvisioner.drop(doomed)
    await withEnv(QUICK_RETRIES, async () => {
      for (let attempt = 0; attempt < 3; attempt++) await inTenant(alpha, () => relayOutbox())
    })
    assert.containSubset(await row(alpha, 'bus_outbox', lost), {
      status: 'failed',
      attempts: 3,
      last_error: 'Unknown target tenant "busf_doomed"',
    })

    const status = JSON.parse((await ace(['bus:status', '--json', '--tenant=busf_alpha'])).stdout)
    assert.equal(status.tenants[0].outbox.failed, 1)
    assert.deepInclude(status.failed.map((message: any) => [message.id, message.box, message.peer]), [lost, 'outbox', 'busf_doomed'])

    const retried = await ace(['bus:retry', '--tenant=busf_alpha'])
    assert.equal(retried.code, 0, retried.stderr)
    assert.include(retried.stdout, 'Sent again: 1 to deliver, 0 to apply')
    assert.equal((await row(alpha, 'bus_outbox', lost)).status, 'pending')
  })

  test('bus:retry of an unknown id or tenant exits 1 with one readable line', async ({ assert }) => {
    const unknownId = await ace(['bus:retry', `--id=${crypto.randomUUID()}`])
    assert.equal(unknownId.code, 1)
    assert.match(unknownId.stderr + unknownId.stdout, /No failed message [0-9a-f-]{36}/)
    const notAnId = await ace(['bus:retry', '--id=42'])
    assert.equal(notAnId.code, 1)
    assert.match(notAnId.stderr + notAnId.stdout, /"42" is not a message id/)
    const unknownTenant = await ace(['bus:status', '--tenant=nosuch'])
    assert.equal(unknownTenant.code, 1)
    assert.match(unknownTenant.stderr + unknownTenant.stdout, /Unknown tenant "nosuch"/)
  })
})
