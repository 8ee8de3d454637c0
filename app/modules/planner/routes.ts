import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PlannerController = () => import('#modules/planner/controllers/planner_controller')
const PlannerItemsController = () => import('#modules/planner/controllers/planner_items_controller')
const PlannerFeedController = () => import('#modules/planner/controllers/planner_feed_controller')
const ApiPlannerItemsController = () => import('#modules/planner/controllers/api/planner_items_controller')

const STAFF = ['block', 'municipality', 'control'] as const
const id = router.matchers.number()

router
  .group(() => {
    router.get('/planner', [PlannerController, 'index']).as('planner.index')
    router.get('/planner/delegated', [PlannerController, 'delegated']).as('planner.delegated')
    router.get('/planner/new', [PlannerItemsController, 'create']).as('planner.items.create')
    router.post('/planner/items', [PlannerItemsController, 'store']).as('planner.items.store')
    router.get('/planner/items/:id/edit', [PlannerItemsController, 'edit']).where('id', id).as('planner.items.edit')
    router.post('/planner/items/:id', [PlannerItemsController, 'update']).where('id', id).as('planner.items.update')
    router.post('/planner/items/:id/move', [PlannerItemsController, 'move']).where('id', id).as('planner.items.move')
    router.post('/planner/items/:id/delete', [PlannerItemsController, 'destroy']).where('id', id).as('planner.items.destroy')
    router.get('/planner/feed', [PlannerFeedController, 'show']).as('planner.feed.show')
    router.post('/planner/feed/token', [PlannerFeedController, 'regenerate']).as('planner.feed.regenerate')
  })
  .use([middleware.kind([...STAFF]), middleware.auth()])

// The subscription feed: calendar apps send no session, the secret token is the credential.
router
  .get('/planner/feed/:token', [PlannerFeedController, 'feed'])
  .where('token', /^[A-Za-z0-9_-]+\.ics$/)
  .as('planner.feed.ics')
  .use([middleware.kind([...STAFF]), middleware.stateless()])

router
  .group(() => {
    router.get('/planner/items', [ApiPlannerItemsController, 'index']).as('planner.api.index')
    router.post('/planner/items', [ApiPlannerItemsController, 'store']).as('planner.api.store')
    router.get('/planner/items/:id', [ApiPlannerItemsController, 'show']).where('id', id).as('planner.api.show')
    router.put('/planner/items/:id', [ApiPlannerItemsController, 'update']).where('id', id).as('planner.api.update')
    router.delete('/planner/items/:id', [ApiPlannerItemsController, 'destroy']).where('id', id).as('planner.api.destroy')
    router.post('/planner/feed-token', [PlannerFeedController, 'regenerate']).as('planner.api.feed_token')
  })
  .prefix('/api/v1')
  .use([middleware.json(), middleware.kind([...STAFF]), middleware.auth({ guards: ['api'] })])
