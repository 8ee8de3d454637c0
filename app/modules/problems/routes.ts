import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProblemsController = () => import('#modules/problems/controllers/problems_controller')
const ModerationController = () => import('#modules/problems/controllers/moderation_controller')
const RoutingController = () => import('#modules/problems/controllers/routing_controller')
const StatsController = () => import('#modules/problems/controllers/stats_controller')
const CitizensController = () => import('#modules/problems/controllers/citizens_controller')
const Open311Controller = () => import('#modules/problems/controllers/open311_controller')
const Open311KeysController = () => import('#modules/problems/controllers/open311_keys_controller')
const InboxController = () => import('#modules/problems/controllers/inbox_controller')
const id = router.matchers.number()

// Portal, public: anyone reads (hidden problems excepted).
router
  .group(() => {
    router.get('/problems', [ProblemsController, 'index']).as('problems.index')
    router.get('/problems/map', [ProblemsController, 'map']).as('problems.map')
    router.get('/problems/map.json', [ProblemsController, 'mapData']).as('problems.map.data')
    router.get('/problems/nearby', [ProblemsController, 'nearby']).as('problems.nearby')
    router.get('/problems/stats', [StatsController, 'show']).as('problems.stats')
    router.get('/problems/:id', [ProblemsController, 'show']).where('id', id).as('problems.show')
    router.get('/problems/:id/photos/:photoId', [ProblemsController, 'photo']).where('id', id).where('photoId', id).as('problems.photos.show')
    router.get('/register/confirm/:token', [CitizensController, 'confirm']).as('problems.citizens.confirm')
  })
  .use(middleware.kind(['portal']))

router
  .group(() => {
    router.get('/register', [CitizensController, 'create']).as('problems.citizens.create')
    router.post('/register', [CitizensController, 'store']).as('problems.citizens.store')
  })
  .use([middleware.kind(['portal']), middleware.guest()])

// Portal, signed in: citizens, moderators, admins.
router
  .group(() => {
    router.get('/problems/new', [ProblemsController, 'create']).as('problems.create')
    router.post('/problems', [ProblemsController, 'store']).as('problems.store')
    router.post('/problems/draft', [ProblemsController, 'saveDraft']).as('problems.draft')
    router.post('/problems/:id/endorse', [ProblemsController, 'endorse']).where('id', id).as('problems.endorse')
    router.post('/problems/:id/flag', [ProblemsController, 'flag']).where('id', id).as('problems.flag')
    router.post('/problems/:id/confirm', [ProblemsController, 'confirm']).where('id', id).as('problems.confirm')
    router.post('/problems/:id/contest', [ProblemsController, 'contest']).where('id', id).as('problems.contest')
    router.get('/citizen/profile', [CitizensController, 'profile']).as('problems.citizens.profile')
    router.post('/citizen/profile', [CitizensController, 'updateProfile']).as('problems.citizens.profile.update')

    router.get('/problems/moderation', [ModerationController, 'index']).as('problems.moderation.index')
    router.post('/problems/:id/hide', [ModerationController, 'hide']).where('id', id).as('problems.moderation.hide')
    router.post('/problems/:id/restore', [ModerationController, 'restore']).where('id', id).as('problems.moderation.restore')

    router.get('/problems/admin/routing', [RoutingController, 'index']).as('problems.routing.index')
    router.post('/problems/admin/rules', [RoutingController, 'storeRule']).as('problems.routing.rules.store')
    router.post('/problems/admin/rules/:id/delete', [RoutingController, 'destroyRule']).where('id', id).as('problems.routing.rules.destroy')
    router.post('/problems/admin/themes/:id', [RoutingController, 'updateTheme']).where('id', id).as('problems.routing.themes.update')
    router.get('/problems/admin/open311', [Open311KeysController, 'index']).as('problems.open311.keys.index')
    router.post('/problems/admin/open311', [Open311KeysController, 'store']).as('problems.open311.keys.store')
    router.post('/problems/admin/open311/:id/revoke', [Open311KeysController, 'revoke']).where('id', id).as('problems.open311.keys.revoke')
    router.post('/problems/:id/route', [RoutingController, 'route']).where('id', id).as('problems.routing.route')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Portal: Open311 GeoReport v2 (public reads; POST with an admin-issued api_key, no CSRF).
router
  .group(() => {
    router.get('/open311/v2/services/:file', [Open311Controller, 'service']).as('problems.open311.service')
    router.get('/open311/v2/requests/:file', [Open311Controller, 'request']).as('problems.open311.request')
    router.get('/open311/v2/tokens/:file', [Open311Controller, 'token']).as('problems.open311.token')
    router.get('/open311/v2/:resource', [Open311Controller, 'collection']).as('problems.open311.collection')
    router.post('/open311/v2/:resource', [Open311Controller, 'collection']).as('problems.open311.collection.store')
  })
  .use([middleware.kind(['portal']), middleware.stateless()])

// Bodies (blocks and municipalities): the departments' queue of citizens' problems.
router
  .group(() => {
    router.get('/problems/inbox', [InboxController, 'index']).as('problems.inbox.index')
    router.get('/problems/inbox/:id', [InboxController, 'show']).where('id', id).as('problems.inbox.show')
    router.post('/problems/inbox/:id/answer', [InboxController, 'answer']).where('id', id).as('problems.inbox.answer')
    router.post('/problems/inbox/:id/reassign', [InboxController, 'reassign']).where('id', id).as('problems.inbox.reassign')
    router.post('/problems/inbox/:id/done', [InboxController, 'done']).where('id', id).as('problems.inbox.done')
    router.get('/problems/inbox/:id/photos/:photoId', [InboxController, 'photo']).where('id', id).where('photoId', id).as('problems.inbox.photos.show')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
