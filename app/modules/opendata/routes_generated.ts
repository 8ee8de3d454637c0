import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OverdueController = () => import('#modules/opendata/controllers/control/overdue_controller')

// The Department of Control: overdue open datasets of every body (through the rollup).
router
  .group(() => {
    router.get('/control/opendata', [OverdueController, 'index']).as('opendata.control.overdue')
  })
  .use([middleware.kind(['control']), middleware.auth()])
