import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const EffectivenessController = () => import('#modules/effectiveness/controllers/effectiveness_controller')

router
  .group(() => {
    router.get('/orders/effectiveness', [EffectivenessController, 'block']).as('effectiveness.block')
    router.get('/orders/effectiveness/export', [EffectivenessController, 'blockExport']).as('effectiveness.block.export')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])

router
  .group(() => {
    router.get('/control/effectiveness', [EffectivenessController, 'region']).as('effectiveness.region')
    router.get('/control/effectiveness/export', [EffectivenessController, 'regionExport']).as('effectiveness.region.export')
  })
  .use([middleware.kind(['control']), middleware.auth()])
