import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Notification from '#modules/notifications/models/notification'

const PAGE_SIZE = 30

/**
 * The signed-in user's notifications, newest first; only their own.
 */
export default class NotificationsController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const notifications = await Notification.query().where('user_id', user.id).orderBy('id', 'desc').paginate(page, PAGE_SIZE)
    notifications.baseUrl('/notifications')
    return view.render('pages/notifications/index', { notifications })
  }

  async markAllRead({ auth, response }: HttpContext) {
    await Notification.query().where('user_id', auth.getUserOrFail().id).whereNull('read_at').update({ readAt: DateTime.now().toSQL() })
    return response.redirect('/notifications')
  }

  async apiIndex({ auth, request }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const result = await Notification.query().where('user_id', auth.getUserOrFail().id).orderBy('id', 'desc').paginate(page, 50)
    return {
      data: result.all().map((notification) => ({
        id: notification.id,
        kind: notification.kind,
        data: notification.data,
        link: notification.link,
        readAt: notification.readAt?.toISO() ?? null,
        createdAt: notification.createdAt.toISO(),
      })),
      meta: result.getMeta(),
    }
  }
}
