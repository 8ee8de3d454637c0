import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LawmakingControlController = () => import('#modules/lawmaking/controllers/control/lawmaking_control_controller')

// The Department of Control: every body's drafts by stage and every overdue reaction, through the rollup.
router
  .get('/control/lawmaking', [LawmakingControlController, 'index'])
  .as('lawmaking.control.index')
  .use([middleware.kind(['control']), middleware.auth()])
