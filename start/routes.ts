/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Only gathers the platform routes and each module's route file.
|
*/

import router from '@adonisjs/core/services/router'
import { modules } from '#modules/main'

const HealthController = () => import('#core/controllers/health_controller')

router.get('/health', [HealthController, 'show']).as('health.show')
router.get('/health/live', [HealthController, 'live']).as('health.live')

for (const module of modules) {
  await module.routes()
}
