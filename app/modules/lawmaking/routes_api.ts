import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LawmakingApiController = () => import('#modules/lawmaking/controllers/api/lawmaking_api_controller')
const RemarksController = () => import('#modules/lawmaking/controllers/portal/remarks_controller')
const id = router.matchers.number()

// The portal's law-making API: public reads without a session or token.
router
  .group(() => {
    router.get('/lawmaking/drafts', [LawmakingApiController, 'index']).as('lawmaking.api.drafts.index')
    router.get('/lawmaking/drafts/:id', [LawmakingApiController, 'show']).where('id', id).as('lawmaking.api.drafts.show')
    router.get('/lawmaking/drafts/:id/versions/:number', [LawmakingApiController, 'version']).where('id', id).where('number', id).as('lawmaking.api.versions.show')
    router.get('/lawmaking/drafts/:id/remarks', [LawmakingApiController, 'remarks']).where('id', id).as('lawmaking.api.remarks.index')
    router.get('/lawmaking/drafts/:id/redline', [LawmakingApiController, 'redline']).where('id', id).as('lawmaking.api.redline')
    router.get('/lawmaking/initiatives', [LawmakingApiController, 'initiatives']).as('lawmaking.api.initiatives.index')
    router.get('/lawmaking/initiatives/:id', [LawmakingApiController, 'initiative']).where('id', id).as('lawmaking.api.initiatives.show')
  })
  .prefix('/api/v1')
  .use([middleware.json(), middleware.kind(['portal']), middleware.stateless()])

// A citizen's remark with a token: the form's rules (confirmed e-mail, open period → 409, hourly limit → 429).
router
  .post('/api/v1/lawmaking/drafts/:id/clauses/:key/remarks', [RemarksController, 'store'])
  .where('id', id)
  .where('key', router.matchers.uuid())
  .as('lawmaking.api.remarks.store')
  .use([middleware.json(), middleware.kind(['portal']), middleware.auth({ guards: ['api'] })])

// The registry of draft acts as an open dataset, in three formats.
router
  .group(() => {
    for (const format of ['json', 'csv', 'xml']) {
      router.get(`/lawmaking/registry.${format}`, [LawmakingApiController, 'registry']).as(`lawmaking.registry.${format}`)
    }
  })
  .use([middleware.kind(['portal']), middleware.stateless()])
