import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ControlReportsController = () => import('#modules/reports/controllers/control_reports_controller')

router
  .group(() => {
    router.get('/control/reports', [ControlReportsController, 'index']).as('reports.index')
    router.post('/control/reports', [ControlReportsController, 'generate']).as('reports.generate')
    router.post('/control/reports/subscriptions', [ControlReportsController, 'subscribe']).as('reports.subscribe')
    router
      .get('/control/reports/:id/:format', [ControlReportsController, 'download'])
      .where('id', router.matchers.number())
      .where('format', /^(pdf|xlsx)$/)
      .as('reports.download')
  })
  .use([middleware.kind(['control']), middleware.auth()])
