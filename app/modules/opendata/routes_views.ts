import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ViewsController = () => import('#modules/opendata/controllers/portal/views_controller')
/** `<INN>-<name>`, as in routes.ts. */
const IDENTIFIER = /^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/

// A dataset's table, map and chart on the portal, and the same views alone for other sites' iframes: anyone reads.
router
  .group(() => {
    router.get('/opendata/:identifier/table', [ViewsController, 'table']).where('identifier', IDENTIFIER).as('opendata.views.table')
    router.get('/opendata/:identifier/map', [ViewsController, 'map']).where('identifier', IDENTIFIER).as('opendata.views.map')
    router.get('/opendata/:identifier/chart', [ViewsController, 'chart']).where('identifier', IDENTIFIER).as('opendata.views.chart')
    router
      .get('/opendata/:identifier/embed/:view', [ViewsController, 'embed'])
      .where('identifier', IDENTIFIER)
      .where('view', /^(table|map|chart)$/)
      .as('opendata.views.embed')
  })
  .use(middleware.kind(['portal']))

// The map's data: anyone, no session (CORS for GET).
router
  .group(() => {
    router.get('/opendata/:identifier/map.json', [ViewsController, 'mapJson']).where('identifier', IDENTIFIER).as('opendata.views.map_json')
  })
  .use([middleware.kind(['portal']), middleware.stateless()])
