import os from 'node:os'
import db from '@adonisjs/lucid/services/db'
import { clockDate } from '#core/clock'

/**
 * Records a sysadmin action on the tenant registry (create, drop, suspend…)
 * in the central schema. The actor is the operating-system user running Ace.
 */
export async function recordCentralAudit(action: string, tenantSlug: string | null, details: object = {}) {
  const actor = process.env.KRAI_ACTOR || `${os.userInfo().username}@${os.hostname()}`
  await db.table('central_audit_entries').insert({
    actor,
    action,
    tenant_slug: tenantSlug,
    details: JSON.stringify(details),
    created_at: clockDate(),
  })
}
