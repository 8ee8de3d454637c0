import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const NotificationsController = () => import('#modules/notifications/controllers/notifications_controller')

router
  .group(() => {
    router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
    router.post('/notifications/read', [NotificationsController, 'markAllRead']).as('notifications.read')
  })
  .use(middleware.auth())

router
  .get('/api/v1/notifications', [NotificationsController, 'apiIndex'])
  .as('notifications.api.index')
  .use([middleware.json(), middleware.auth({ guards: ['api'] })])
