import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ServicesController = () => import('#modules/service_ratings/controllers/services_controller')
const CatalogueController = () => import('#modules/service_ratings/controllers/catalogue_controller')
const RanksController = () => import('#modules/service_ratings/controllers/ranks_controller')
const FollowUpsController = () => import('#modules/service_ratings/controllers/follow_ups_controller')
const ControlController = () => import('#modules/service_ratings/controllers/control_controller')
const id = router.matchers.number()

// Portal, public: the rated services and a service's page.
router
  .group(() => {
    router.get('/services', [ServicesController, 'index']).as('service_ratings.services.index')
    router.get('/services/:id', [ServicesController, 'show']).where('id', id).as('service_ratings.services.show')
    router.get('/services/ranks', [RanksController, 'index']).as('service_ratings.ranks.index')
    router.get('/services/ranks/:month/export', [RanksController, 'export']).as('service_ratings.ranks.export')
    router.get('/services/ranks/:month/ratings.csv', [RanksController, 'ratingsFile']).as('service_ratings.ranks.ratings_file')
    router.get('/services/ratings/:id/photo', [ServicesController, 'photo']).where('id', id).as('service_ratings.ratings.photo')
  })
  .use(middleware.kind(['portal']))

// Portal, signed in: citizens rate, authors judge answers, admins hide services.
router
  .group(() => {
    router.post('/services/:id/ratings', [ServicesController, 'rate']).where('id', id).as('service_ratings.ratings.store')
    router.post('/services/ratings/:id/helpful', [ServicesController, 'helpful']).where('id', id).as('service_ratings.ratings.helpful')
    router.post('/services/:id/admin', [ServicesController, 'administer']).where('id', id).as('service_ratings.services.administer')
    router.post('/services/:id/correction', [ServicesController, 'correct']).where('id', id).as('service_ratings.services.correct')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Bodies: the catalogue of services and the follow-up inbox.
router
  .group(() => {
    router.get('/service-ratings/catalogue', [CatalogueController, 'index']).as('service_ratings.catalogue.index')
    router.post('/service-ratings/catalogue', [CatalogueController, 'store']).as('service_ratings.catalogue.store')
    router.get('/service-ratings/inbox', [FollowUpsController, 'index']).as('service_ratings.inbox.index')
    router.get('/service-ratings/inbox/:id', [FollowUpsController, 'show']).where('id', id).as('service_ratings.inbox.show')
    router.post('/service-ratings/inbox/:id/answer', [FollowUpsController, 'answer']).where('id', id).as('service_ratings.inbox.answer')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])

// The Department of Control: flagged bodies (alerts that may become orders) and follow-ups per body.
router
  .group(() => {
    router.get('/service-ratings/control', [ControlController, 'index']).as('service_ratings.control.index')
    router.post('/service-ratings/control/alerts/:id/order', [ControlController, 'order']).where('id', id).as('service_ratings.control.order')
  })
  .use([middleware.kind(['control']), middleware.auth()])
