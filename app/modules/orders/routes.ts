import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrdersController = () => import('#modules/orders/controllers/orders_controller')
const OrderTransitionsController = () => import('#modules/orders/controllers/order_transitions_controller')
const ApiOrdersController = () => import('#modules/orders/controllers/api/orders_controller')
const OrdersReportsController = () => import('#modules/orders/controllers/orders_reports_controller')
const OrderAttachmentsController = () => import('#modules/orders/controllers/order_attachments_controller')
const CalendarController = () => import('#modules/orders/controllers/calendar_controller')

const STAFF = ['block', 'municipality', 'control'] as const
const id = router.matchers.number()

/** The lifecycle steps, the same for the web and the API. */
function transitionRoutes(prefix: string, namePrefix: string) {
  const steps: [string, string][] = [
    ['issue', 'issue'],
    ['start', 'start'],
    ['deadline', 'changeDeadline'],
    ['delegate', 'delegate'],
    ['extension', 'requestExtension'],
    ['extension/decision', 'decideExtension'],
    ['report', 'report'],
    ['review', 'review'],
    ['remove', 'removeFromControl'],
  ]
  for (const [path, method] of steps) {
    router
      .post(`${prefix}/:id/${path}`, [OrderTransitionsController, method as 'issue'])
      .where('id', id)
      .as(`${namePrefix}.${method}`)
  }
}

router
  .group(() => {
    router.get('/orders', [OrdersController, 'index']).as('orders.index')
    router.get('/orders/new', [OrdersController, 'create']).as('orders.create')
    router.get('/orders/board', [OrdersController, 'board']).as('orders.board')
    router.get('/orders/dashboard', [OrdersReportsController, 'dashboard']).as('orders.dashboard')
    router.get('/orders/calendar', [CalendarController, 'index']).as('orders.calendar.index')
    router.post('/orders/calendar', [CalendarController, 'store']).as('orders.calendar.store')
    router.post('/orders/calendar/rules', [CalendarController, 'updateRules']).as('orders.calendar.rules')
    router
      .post('/orders/calendar/:day/delete', [CalendarController, 'destroy'])
      .where('day', /^\d{4}-\d{2}-\d{2}$/)
      .as('orders.calendar.destroy')
    router
      .get('/orders/export/:format', [OrdersReportsController, 'export'])
      .where('format', /^(xlsx|pdf)$/)
      .as('orders.export')
    router.post('/orders', [OrdersController, 'store']).as('orders.store')
    router.get('/orders/:id', [OrdersController, 'show']).where('id', id).as('orders.show')
    router.get('/orders/:id/edit', [OrdersController, 'edit']).where('id', id).as('orders.edit')
    router.post('/orders/:id/edit', [OrdersController, 'update']).where('id', id).as('orders.update')
    router.post('/orders/:id/attachments', [OrderAttachmentsController, 'store']).where('id', id).as('orders.attachments.store')
    router
      .get('/orders/:id/attachments/:attachmentId', [OrderAttachmentsController, 'show'])
      .where('id', id)
      .where('attachmentId', id)
      .as('orders.attachments.show')
    transitionRoutes('/orders', 'orders.transitions')
  })
  .use([middleware.kind([...STAFF]), middleware.auth()])

router
  .group(() => {
    router.get('/orders', [ApiOrdersController, 'index']).as('orders.api.index')
    router.post('/orders', [ApiOrdersController, 'store']).as('orders.api.store')
    router.get('/orders/:id', [ApiOrdersController, 'show']).where('id', id).as('orders.api.show')
    router.put('/orders/:id', [ApiOrdersController, 'update']).where('id', id).as('orders.api.update')
    router.post('/orders/:id/attachments', [OrderAttachmentsController, 'store']).where('id', id).as('orders.api.attachments.store')
    router
      .get('/orders/:id/attachments/:attachmentId', [OrderAttachmentsController, 'show'])
      .where('id', id)
      .where('attachmentId', id)
      .as('orders.api.attachments.show')
    transitionRoutes('/orders', 'orders.api.transitions')
  })
  .prefix('/api/v1')
  .use([middleware.json(), middleware.kind([...STAFF]), middleware.auth({ guards: ['api'] })])

await import('#modules/orders/voice_routes')
