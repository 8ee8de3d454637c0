import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DiffController = () => import('#modules/opendata/controllers/portal/diff_controller')
const DashboardController = () => import('#modules/opendata/controllers/office/dashboard_controller')
/** `<INN>-<name>`: an identifier as the methodology builds it. */
const IDENTIFIER = /^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/

// The portal: a version compared with the previous one, anyone reads (a page or JSON).
router
  .get('/opendata/:identifier/versions/:number/diff', [DiffController, 'show'])
  .where('identifier', IDENTIFIER)
  .where('number', router.matchers.number())
  .as('opendata.portal.diff')
  .use(middleware.kind(['portal']))

// A body: the publisher's dashboard (OpendataPolicy, as the datasets).
router
  .group(() => {
    router.get('/opendata/office', [DashboardController, 'show']).as('opendata.office.dashboard')
    router.get('/opendata/office/dashboard', [DashboardController, 'show']).as('opendata.office.dashboard.page')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
