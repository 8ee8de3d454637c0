/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Gathers each module's route file and hands the module list to the
| layout's navigation and the home page. /health and /health/live are answered earlier, by
| the health server middleware.
|
*/

import router from '@adonisjs/core/services/router'
import { modules } from '#modules/main'
import { middleware } from '#start/kernel'
import { navigation } from '#core/navigation'
import { home } from '#core/home'

const OpenApiController = () => import('#core/controllers/openapi_controller')

for (const module of modules) {
  await module.routes()
}
navigation.use(modules)
home.use(modules)

router.get('/api/openapi.json', [OpenApiController, 'show']).as('api.openapi').use(middleware.stateless())

/**
 * bench/foundation.ts compares a signed-in page with this route: the same
 * host, tenant and middleware stack, but no work of its own. It exists only
 * when the benchmark starts the server.
 */
if (process.env.KRAI_BENCH_BARE_ROUTE === '1') {
  router.get('/__bench/bare', () => 'ok').as('bench.bare')
}
