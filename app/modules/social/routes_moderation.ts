// The moderation area's routes (app/modules/social/routes.ts loads every area).
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FlagsController = () => import('#modules/social/moderation/controllers/flags_controller')

// Signed in: anyone flags; moderators work the queue, sanctions and appeals; authors appeal.
router
  .group(() => {
    router.post('/moderation/flags', [FlagsController, 'store']).as('social.moderation.flags.store')
  })
  .use([middleware.kind(['portal']), middleware.auth()])
