import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ControlController = () => import('#modules/control/controllers/control_controller')
const slug = /^[a-z][a-z0-9_]{1,40}$/

router
  .group(() => {
    router.get('/control', [ControlController, 'region']).as('control.region')
    router.get('/control/:kind', [ControlController, 'risks']).where('kind', /^(overdue|at-risk)$/).as('control.risks')
    router.get('/control/blocks/:block', [ControlController, 'block']).where('block', slug).as('control.block')
    router
      .get('/control/blocks/:block/departments/:department', [ControlController, 'department'])
      .where('block', slug)
      .where('department', router.matchers.number())
      .as('control.department')
    router
      .get('/control/blocks/:block/orders/:id', [ControlController, 'order'])
      .where('block', slug)
      .where('id', router.matchers.number())
      .as('control.order')
  })
  .use([middleware.kind(['control']), middleware.auth()])
