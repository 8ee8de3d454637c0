/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Only gathers each module's route file. /health and /health/live are
| answered earlier, by the health server middleware.
|
*/

import router from '@adonisjs/core/services/router'
import { modules } from '#modules/main'
import { middleware } from '#start/kernel'

const OpenApiController = () => import('#core/controllers/openapi_controller')

for (const module of modules) {
  await module.routes()
}

router.get('/api/openapi.json', [OpenApiController, 'show']).as('api.openapi').use(middleware.stateless())

/**
 * bench/foundation.ts compares a signed-in page with this route: the same
 * host, tenant and middleware stack, but no work of its own. It exists only
 * when the benchmark starts the server.
 */
if (process.env.KRAI_BENCH_BARE_ROUTE === '1') {
  router.get('/__bench/bare', () => 'ok').as('bench.bare')
}
