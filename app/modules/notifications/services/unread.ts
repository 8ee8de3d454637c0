import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'

/** Unread notifications are counted up to this; the badge shows "99+" beyond. */
export const UNREAD_COUNT_CAP = 100

/**
 * How many notifications a user has not read yet, counted no further than
 * the cap: one lookup in notifications (user_id, read_at), whatever the
 * history. Read fresh on every page, so it is right the moment a
 * notification is created (by any process) or read.
 */
export async function unreadCount(userId: number): Promise<number> {
  const result = await tenantDb().rawQuery<{ rows: { unread: number }[] }>(
    `select count(*)::int as unread
       from (select 1 from notifications where user_id = ? and read_at is null limit ${UNREAD_COUNT_CAP}) unread`,
    [userId]
  )
  return result.rows[0].unread
}

const perRequest = new WeakMap<HttpContext, Promise<number>>()

/**
 * The signed-in user's unread count, read once per request: the header's
 * badge and the home page's section share it.
 */
export function unreadCountFor(ctx: HttpContext): Promise<number> {
  const user = ctx.auth.user
  if (!user) return Promise.resolve(0)
  let count = perRequest.get(ctx)
  if (!count) {
    count = unreadCount(user.id)
    perRequest.set(ctx, count)
  }
  return count
}
