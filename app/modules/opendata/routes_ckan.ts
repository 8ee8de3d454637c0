import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CkanController = () => import('#modules/opendata/controllers/api/ckan_controller')

// CKAN's Action API v3 over the portal's open data: anyone, no session; GET with query parameters or POST with JSON (CORS).
router
  .group(() => {
    router.get('/api/3', [CkanController, 'version']).as('opendata.ckan.version')
    router.route('/api/3/action/:action', ['GET', 'POST'], [CkanController, 'action']).as('opendata.ckan.action')
  })
  .use([middleware.json(), middleware.kind(['portal']), middleware.stateless()])
