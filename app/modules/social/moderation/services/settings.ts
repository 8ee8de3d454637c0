import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'

/** Flags from distinct users that hide an item until a moderator decides, when the portal has not set its own. */
export const DEFAULT_AUTO_HIDE_THRESHOLD = 3

/** The portal's auto-hide threshold (its settings row, or the default). */
export async function autoHideThreshold(trx?: TransactionClientContract) {
  const row = await (trx ?? tenantDb()).from('social_moderation_settings').where('id', 1).first()
  return row ? Number(row.auto_hide_threshold) : DEFAULT_AUTO_HIDE_THRESHOLD
}
