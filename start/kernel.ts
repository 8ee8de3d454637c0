/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| host → tenant scope → session (bound to the tenant) → auth → locale →
| bouncer → route. The tenant resolver is a server middleware so unknown
| hosts get their 404 even without a matching route.
|
*/

import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/health_middleware'),
  () => import('#middleware/static_files_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/tenant_resolver_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/session_middleware'),
  () => import('#middleware/tenant_session_guard_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#middleware/detect_locale_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/view_context_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  kind: () => import('#middleware/tenant_kind_middleware'),
  json: () => import('#middleware/force_json_response_middleware'),
  stateless: () => import('#middleware/stateless_middleware'),
})
