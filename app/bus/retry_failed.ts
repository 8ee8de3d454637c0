import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { hasBusTables, tenantsFor } from '#bus/bus_status'
import { APPLY_JOB, RELAY_JOB, wakeUp } from '#bus/wake_up'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Puts failed messages back in line (tries counted from zero, last error kept
 * until a try succeeds) and wakes the relay and the applier. Returns how many
 * outbox and inbox messages were re-sent.
 */
export async function retryFailed(options: { tenant?: string; id?: string } = {}) {
  if (options.id && !UUID.test(options.id)) {
    throw new errors.E_NOT_FOUND(`"${options.id}" is not a message id (a UUID)`)
  }
  let outbox = 0
  let inbox = 0
  for (const tenant of await tenantsFor(options.tenant)) {
    const retried = await tenantScope.run(tenant, async () => {
      if (!(await hasBusTables())) return { outbox: 0, inbox: 0 }
      const reset = async (table: 'bus_outbox' | 'bus_inbox') => {
        const result = await tenantDb().rawQuery(
          `update ${table} set status = 'pending', attempts = 0, next_attempt_at = clock_timestamp()
            where status = 'failed' ${options.id ? 'and id = ?' : ''}`,
          options.id ? [options.id] : []
        )
        return result.rowCount ?? 0
      }
      return { outbox: await reset('bus_outbox'), inbox: await reset('bus_inbox') }
    })
    if (retried.outbox) await wakeUp(RELAY_JOB, tenant.slug)
    if (retried.inbox) await wakeUp(APPLY_JOB, tenant.slug)
    outbox += retried.outbox
    inbox += retried.inbox
  }
  if (options.id && outbox + inbox === 0) {
    throw new errors.E_NOT_FOUND(`No failed message ${options.id}${options.tenant ? ` in ${options.tenant}` : ''}`)
  }
  return { outbox, inbox }
}
