import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const VoiceController = () => import('#modules/orders/controllers/voice_controller')

const STAFF = ['block', 'municipality', 'control'] as const
const id = router.matchers.number()

/** Voice orders: the same routes on the web (session) and the API (token). */
function voiceRoutes(namePrefix: string) {
  router.post('/orders/:id/voice', [VoiceController, 'store']).where('id', id).as(`${namePrefix}.store`)
  router.get('/orders/:id/voice/:voiceId/audio', [VoiceController, 'audio']).where('id', id).where('voiceId', id).as(`${namePrefix}.audio`)
  router.post('/orders/:id/voice/:voiceId/apply', [VoiceController, 'apply']).where('id', id).where('voiceId', id).as(`${namePrefix}.apply`)
  router.post('/orders/:id/voice/:voiceId/transcribe', [VoiceController, 'retry']).where('id', id).where('voiceId', id).as(`${namePrefix}.retry`)
}

router
  .group(() => {
    router.get('/orders/voice/new', [VoiceController, 'create']).as('orders.voice.create')
    router.post('/orders/voice', [VoiceController, 'storeOrder']).as('orders.voice.storeOrder')
    voiceRoutes('orders.voice')
  })
  .use([middleware.kind([...STAFF]), middleware.auth()])

router
  .group(() => {
    router.get('/orders/:id/voice/:voiceId', [VoiceController, 'show']).where('id', id).where('voiceId', id).as('orders.api.voice.show')
    voiceRoutes('orders.api.voice')
  })
  .prefix('/api/v1')
  .use([middleware.json(), middleware.kind([...STAFF]), middleware.auth({ guards: ['api'] })])
