import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'

/** Only the SHA-256 of a feed token is stored; the token itself is shown once. */
export function hashFeedToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Issues a new feed token for the user, replacing (and so revoking) the
 * previous one. Returns the token in clear, to be shown once.
 */
export async function regenerateFeedToken(userId: number) {
  const token = randomBytes(24).toString('base64url')
  await tenantDb()
    .insertQuery()
    .table('planner_feed_tokens')
    .insert({ user_id: userId, token_hash: hashFeedToken(token), created_at: DateTime.now().toJSDate() })
    .onConflict('user_id')
    .merge()
  return token
}

/** When the user's current token was issued (null: never). */
export async function feedTokenIssuedAt(userId: number): Promise<DateTime | null> {
  const row = await tenantDb().from('planner_feed_tokens').where('user_id', userId).select('created_at').first()
  return row ? DateTime.fromJSDate(row.created_at) : null
}
