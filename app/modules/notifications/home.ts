import type { HttpContext } from '@adonisjs/core/http'
import { HOME_LIST_LIMIT, type HomeSection } from '#core/home'
import Notification from '#modules/notifications/models/notification'

/**
 * The home page's unread notifications: the newest few and how many there
 * are (notifications (user_id, read_at), bounded by the limit).
 */
export default async function notificationsHome(ctx: HttpContext): Promise<HomeSection[]> {
  const user = ctx.auth.getUserOrFail()
  const rows = await Notification.query()
    .where('user_id', user.id)
    .whereNull('read_at')
    .select('*')
    .select(Notification.query().client.raw('count(*) over ()::int as unread_total'))
    .orderBy('id', 'desc')
    .limit(HOME_LIST_LIMIT)
  if (!rows.length) return []
  return [
    {
      key: 'notifications',
      position: 50,
      title: ctx.i18n.t('dashboard.sections.notifications'),
      total: Number(rows[0].$extras.unread_total),
      items: rows.map((notification) => ({
        href: notification.link ?? '/notifications',
        label: ctx.i18n.t(`notifications.kinds.${notification.kind}`, notification.data),
        moment: notification.createdAt,
      })),
      links: [{ href: '/notifications', label: ctx.i18n.t('dashboard.all.notifications') }],
    },
  ]
}
