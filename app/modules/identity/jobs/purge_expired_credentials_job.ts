import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { Job } from '#queue/job'

/**
 * Removes expired API tokens and voids expired invitation links of the
 * current tenant. Safe to run any number of times.
 */
export default class PurgeExpiredCredentialsJob extends Job {
  static jobName = 'identity.purge_expired_credentials'
  static tenantScoped = true

  async handle() {
    const now = DateTime.now().toSQL()!
    const tokens = await tenantDb().from('auth_access_tokens').where('expires_at', '<', now).delete()
    const invitations = await tenantDb()
      .from('users')
      .where('status', 'invited')
      .where('invite_expires_at', '<', now)
      .whereNotNull('invite_token_hash')
      .update({ invite_token_hash: null })
    return { tokens: Number(tokens), invitations: Number(invitations) }
  }
}
