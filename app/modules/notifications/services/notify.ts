import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { deliverEmailsSoon } from '#modules/notifications/email_delivery'
import { clockDate } from '#core/clock'

/**
 * In-app notifications written in the transaction of the change (e-mail
 * copies follow after commit). `kind` names the message in
 * notifications.json; the dedupe key makes reminders idempotent. With
 * `email: false` no e-mail copy follows (the module e-mails on its own terms,
 * e.g. conversations after a quiet period).
 */
export async function notifyUsers(
  trx: TransactionClientContract,
  userIds: number[],
  kind: string,
  link: string,
  data: Record<string, unknown>,
  dedupeKey?: string,
  options: { email?: boolean } = {}
) {
  const unique = [...new Set(userIds)]
  if (!unique.length) return
  await trx
    .insertQuery()
    .table('notifications')
    .insert(
      unique.map((userId) => ({
        user_id: userId,
        kind,
        data: JSON.stringify(data),
        link,
        dedupe_key: dedupeKey ? `${dedupeKey}:user:${userId}` : null,
        created_at: clockDate(),
        ...(options.email === false ? { email_status: 'skipped' } : {}),
      }))
    )
    .onConflict('dedupe_key')
    .ignore()
  if (options.email !== false) trx.after('commit', deliverEmailsSoon)
}
