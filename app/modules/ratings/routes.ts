import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RatingsController = () => import('#modules/ratings/controllers/ratings_controller')
const EditionsController = () => import('#modules/ratings/controllers/editions_controller')
const MediaController = () => import('#modules/ratings/controllers/media_controller')
const id = router.matchers.number()

router
  .group(() => {
    router.get('/ratings', [RatingsController, 'index']).as('ratings.index')
    router.post('/ratings', [RatingsController, 'store']).as('ratings.store')
    router.get('/ratings/:id', [RatingsController, 'show']).where('id', id).as('ratings.show')
    router.post('/ratings/:id/settings', [RatingsController, 'updateSettings']).where('id', id).as('ratings.settings')
    router.post('/ratings/:id/editions', [RatingsController, 'storeEdition']).where('id', id).as('ratings.editions.store')
    router.post('/ratings/:id/indicators', [RatingsController, 'storeIndicator']).where('id', id).as('ratings.indicators.store')
    router
      .post('/ratings/:id/alerts/:alertId/order', [RatingsController, 'createOrder'])
      .where('id', id)
      .where('alertId', id)
      .as('ratings.alerts.order')
    router.get('/ratings/:id/editions/:editionId', [EditionsController, 'show']).where('id', id).where('editionId', id).as('ratings.editions.show')
    router
      .post('/ratings/:id/editions/:editionId/observations', [EditionsController, 'storeObservation'])
      .where('id', id)
      .where('editionId', id)
      .as('ratings.observations.store')
    router
      .post('/ratings/:id/editions/:editionId/import', [EditionsController, 'import'])
      .where('id', id)
      .where('editionId', id)
      .as('ratings.observations.import')
    router
      .get('/ratings/:id/editions/:editionId/import/template', [EditionsController, 'template'])
      .where('id', id)
      .where('editionId', id)
      .as('ratings.observations.template')
    router
      .get('/ratings/:id/editions/:editionId/export/:format', [EditionsController, 'export'])
      .where('id', id)
      .where('editionId', id)
      .where('format', /^(xlsx|pdf)$/)
      .as('ratings.editions.export')

    router.get('/media', [MediaController, 'index']).as('media.index')
    router.get('/media/entry', [MediaController, 'entry']).as('media.entry')
    router.post('/media/items', [MediaController, 'store']).as('media.items.store')
    router.post('/media/import', [MediaController, 'import']).as('media.import')
    router.get('/media/import/template', [MediaController, 'template']).as('media.import.template')
    router.get('/media/export/:format', [MediaController, 'export']).where('format', /^(xlsx|pdf)$/).as('media.export')
    router.get('/media/feeds', [MediaController, 'feeds']).as('media.feeds')
    router.post('/media/feeds', [MediaController, 'storeFeed']).as('media.feeds.store')
    router.post('/media/feeds/:id/pull', [MediaController, 'pullFeed']).where('id', id).as('media.feeds.pull')
    router.post('/media/feeds/:id/toggle', [MediaController, 'toggleFeed']).where('id', id).as('media.feeds.toggle')
  })
  .use([middleware.kind(['block', 'control']), middleware.auth()])

// The Department of Control: every block's figures, read only from the rollup.
router
  .get('/ratings/region', [RatingsController, 'region'])
  .as('ratings.region')
  .use([middleware.kind(['control']), middleware.auth()])
