import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type Tenant from '#tenancy/tenant'
import { bus } from '#bus/bus'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import type { BusMessageType, BusPayloads } from '#bus/message_types'

/** Sends messages from a tenant in one transaction; returns their ids. */
export function sendFrom<Type extends BusMessageType>(
  tenant: Tenant,
  to: string,
  type: Type,
  payloads: BusPayloads[Type][]
) {
  return inTenant(tenant, () =>
    tenantDb().transaction((trx) => bus.sendMany(trx, payloads.map((payload) => ({ to, type, payload }))))
  )
}

/** Sends `count` pings in transactions of `perTransaction`; returns all ids. */
export async function sendPings(from: Tenant, to: string, count: number, perTransaction = 50) {
  const ids: string[] = []
  for (let sent = 0; sent < count; sent += perTransaction) {
    const size = Math.min(perTransaction, count - sent)
    ids.push(...(await sendFrom(from, to, 'bus.ping', Array.from({ length: size }, (_, i) => ({ echo: `p${sent + i}` })))))
  }
  return ids
}

/** One number from a query run in the tenant's scope. */
export function scalar(tenant: Tenant, sql: string, bindings: any[] = []) {
  return inTenant(tenant, async () => Number(Object.values((await tenantDb().rawQuery(sql, bindings)).rows[0])[0]))
}

/** Polls until `check` returns true; throws with the last value seen otherwise. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string | (() => string)) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`)
}

/** Changes bus settings of this process for the duration of `callback`. */
export async function withEnv<T>(values: Record<string, number>, callback: () => Promise<T>): Promise<T> {
  for (const [key, value] of Object.entries(values)) env.set(key as any, value as any)
  try {
    return await callback()
  } finally {
    for (const key of Object.keys(values)) {
      env.set(key as any, undefined as any)
      delete process.env[key]
    }
  }
}

/** A real `node ace queue:listen` process with its output collected. */
export class Worker {
  output = ''
  exited: Promise<number | null>
  #child: ChildProcessWithoutNullStreams

  constructor(extraEnv: Record<string, string> = {}) {
    this.#child = spawn(process.execPath, ['ace', 'queue:listen', '--concurrency=4'], {
      cwd: app.makePath(),
      env: { ...process.env, FORCE_COLOR: '0', ...extraEnv },
    })
    this.#child.stdout.on('data', (chunk) => (this.output += chunk))
    this.#child.stderr.on('data', (chunk) => (this.output += chunk))
    this.exited = new Promise((resolve) => this.#child.on('exit', (code) => resolve(code)))
  }

  async ready(timeoutMs = 30_000) {
    await eventually(async () => this.output.includes('Queue worker ready'), timeoutMs, () => `worker ready (output: ${this.output})`)
  }

  kill(signal: NodeJS.Signals) {
    this.#child.kill(signal)
    return this.exited
  }
}
