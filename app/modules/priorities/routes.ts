import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PrioritiesController = () => import('#modules/priorities/controllers/priorities_controller')
const ReceivedResultsController = () => import('#modules/priorities/controllers/received_controller')
const PrioritiesAdminController = () => import('#modules/priorities/controllers/admin_controller')
const id = router.matchers.number()

// Portal, public: the open priorities and the sealed results (never a running count).
router
  .group(() => {
    router.get('/priorities', [PrioritiesController, 'index']).as('priorities.index')
    router.get('/priorities/municipalities/:code', [PrioritiesController, 'municipality']).as('priorities.municipality')
    router.get('/priorities/results', [PrioritiesController, 'results']).as('priorities.results')
    router.get('/priorities/results/:quarter', [PrioritiesController, 'quarter']).as('priorities.results.quarter')
    for (const format of ['csv', 'xlsx', 'json', 'xml']) {
      router.get(`/priorities/results/:quarter/ranks.${format}`, [PrioritiesController, 'export']).as(`priorities.results.export.${format}`)
    }
    router.get('/priorities/results/:quarter/ballots.csv', [PrioritiesController, 'ballots']).as('priorities.results.ballots')
    router.get('/priorities/results/:quarter/map', [PrioritiesController, 'map']).as('priorities.results.map')
    router.get('/priorities/:id/photo', [PrioritiesController, 'photo']).where('id', id).as('priorities.photo')
    router.get('/priorities/method', [PrioritiesController, 'method']).as('priorities.method')
  })
  .use(middleware.kind(['portal']))

// Portal, signed in: citizens vote; portal admins keep the list and the method.
router
  .group(() => {
    router.get('/priorities/my', [PrioritiesController, 'my']).as('priorities.my')
    router.post('/priorities/vote', [PrioritiesController, 'vote']).as('priorities.vote')
    router.post('/priorities/withdraw', [PrioritiesController, 'withdraw']).as('priorities.withdraw')
    router.get('/priorities/suggest', [PrioritiesController, 'suggestForm']).as('priorities.suggest.form')
    router.post('/priorities/suggestions', [PrioritiesController, 'suggest']).as('priorities.suggest')
    router.post('/priorities/residence', [PrioritiesController, 'residence']).as('priorities.residence')

    router.get('/priorities/admin', [PrioritiesAdminController, 'index']).as('priorities.admin.index')
    router.post('/priorities/admin', [PrioritiesAdminController, 'store']).as('priorities.admin.store')
    router.get('/priorities/admin/:id/edit', [PrioritiesAdminController, 'edit']).where('id', id).as('priorities.admin.edit')
    router.post('/priorities/admin/:id', [PrioritiesAdminController, 'update']).where('id', id).as('priorities.admin.update')
    router.post('/priorities/admin/:id/publish', [PrioritiesAdminController, 'publish']).where('id', id).as('priorities.admin.publish')
    router.post('/priorities/admin/:id/reject', [PrioritiesAdminController, 'reject']).where('id', id).as('priorities.admin.reject')
    router.post('/priorities/admin/:id/archive', [PrioritiesAdminController, 'archive']).where('id', id).as('priorities.admin.archive')
    router.get('/priorities/admin/settings', [PrioritiesAdminController, 'settings']).as('priorities.admin.settings')
    router.post('/priorities/admin/settings', [PrioritiesAdminController, 'saveSettings']).as('priorities.admin.settings.save')
    router.get('/priorities/moderation', [PrioritiesAdminController, 'bursts']).as('priorities.moderation')
    router.post('/priorities/moderation/exclude', [PrioritiesAdminController, 'exclude']).as('priorities.moderation.exclude')
    router.post('/priorities/moderation/ballots', [PrioritiesAdminController, 'excludeBallot']).as('priorities.moderation.exclude_ballot')
    router.post('/priorities/admin/corrections/:quarter', [PrioritiesAdminController, 'correct']).as('priorities.admin.correct')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// A municipality (its residents' sealed ranks) or a block (its priorities' ranks) from the portal, and orders from them.
router
  .group(() => {
    router.get('/priorities/received', [ReceivedResultsController, 'index']).as('priorities.received.index')
    router.post('/priorities/received/proposals', [ReceivedResultsController, 'propose']).as('priorities.received.propose')
    router.post('/priorities/received/order', [ReceivedResultsController, 'order']).as('priorities.received.order')
  })
  .use([middleware.kind(['municipality', 'block']), middleware.auth()])
