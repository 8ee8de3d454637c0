import type { HttpContext } from '@adonisjs/core/http'
import { HOME_LIST_LIMIT, type HomeSection } from '#core/home'
import Notification from '#modules/notifications/models/notification'
import { UNREAD_COUNT_CAP, unreadCountFor } from '#modules/notifications/services/unread'

/**
 * The home page's unread notifications: how many there are (the count the
 * header's badge shows, read once for both) and the newest few
 * (notifications (user_id, read_at), bounded by the limit); nothing more
 * is read when all is read.
 */
export default async function notificationsHome(ctx: HttpContext): Promise<HomeSection[]> {
  const user = ctx.auth.getUserOrFail()
  const total = await unreadCountFor(ctx)
  if (!total) return []
  const rows = await Notification.query().where('user_id', user.id).whereNull('read_at').orderBy('id', 'desc').limit(HOME_LIST_LIMIT)
  return [
    {
      key: 'notifications',
      position: 50,
      title: ctx.i18n.t('dashboard.sections.notifications'),
      total,
      totalText: total >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : undefined,
      items: rows.map((notification) => ({
        href: notification.link ?? '/notifications',
        label: ctx.i18n.t(`notifications.kinds.${notification.kind}`, notification.data),
        moment: notification.createdAt,
      })),
      links: [{ href: '/notifications', label: ctx.i18n.t('dashboard.all.notifications') }],
    },
  ]
}
