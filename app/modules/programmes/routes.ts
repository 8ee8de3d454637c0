import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProgrammesController = () => import('#modules/programmes/controllers/programmes_controller')
const id = router.matchers.number()

router
  .group(() => {
    router.get('/programmes', [ProgrammesController, 'index']).as('programmes.index')
    router.post('/programmes', [ProgrammesController, 'store']).as('programmes.store')
    router.get('/programmes/:id', [ProgrammesController, 'show']).where('id', id).as('programmes.show')
    router.post('/programmes/:id/events', [ProgrammesController, 'addEvent']).where('id', id).as('programmes.events.store')
    router
      .post('/programmes/:id/events/:eventId', [ProgrammesController, 'updateEvent'])
      .where('id', id)
      .where('eventId', id)
      .as('programmes.events.update')
    router
      .post('/programmes/:id/events/:eventId/order', [ProgrammesController, 'spawnOrder'])
      .where('id', id)
      .where('eventId', id)
      .as('programmes.events.order')
  })
  .use([middleware.kind(['block', 'control']), middleware.auth()])
