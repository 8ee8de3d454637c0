// The moderation area's routes (app/modules/social/routes.ts loads every area).
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FlagsController = () => import('#modules/social/moderation/controllers/flags_controller')
const QueueController = () => import('#modules/social/moderation/controllers/queue_controller')
const SanctionsController = () => import('#modules/social/moderation/controllers/sanctions_controller')
const AppealsController = () => import('#modules/social/moderation/controllers/appeals_controller')
const SettingsController = () => import('#modules/social/moderation/controllers/settings_controller')
const StatsController = () => import('#modules/social/moderation/controllers/stats_controller')
const id = router.matchers.number()

// Signed in: anyone flags and appeals their own; moderators (404 for others) work the queue, sanctions and appeals; admins set the threshold.
router
  .group(() => {
    router.post('/moderation/flags', [FlagsController, 'store']).as('social.moderation.flags.store')
    router.get('/moderation/mine', [AppealsController, 'mine']).as('social.moderation.mine')
    router.post('/moderation/appeals', [AppealsController, 'store']).as('social.moderation.appeals.store')

    router.get('/moderation', [QueueController, 'index']).as('social.moderation.queue')
    router.post('/moderation/cases/:id/hide', [QueueController, 'hide']).where('id', id).as('social.moderation.cases.hide')
    router.post('/moderation/cases/:id/restore', [QueueController, 'restore']).where('id', id).as('social.moderation.cases.restore')
    router.post('/moderation/cases/:id/dismiss', [QueueController, 'dismiss']).where('id', id).as('social.moderation.cases.dismiss')
    router.get('/moderation/sanctions', [SanctionsController, 'index']).as('social.moderation.sanctions')
    router.post('/moderation/sanctions', [SanctionsController, 'store']).as('social.moderation.sanctions.store')
    router.post('/moderation/sanctions/:id/lift', [SanctionsController, 'lift']).where('id', id).as('social.moderation.sanctions.lift')
    router.get('/moderation/appeals', [AppealsController, 'index']).as('social.moderation.appeals')
    router.post('/moderation/appeals/:id/decide', [AppealsController, 'decide']).where('id', id).as('social.moderation.appeals.decide')
    router.get('/moderation/stats', [StatsController, 'show']).as('social.moderation.stats')
    router.get('/moderation/settings', [SettingsController, 'edit']).as('social.moderation.settings')
    router.post('/moderation/settings', [SettingsController, 'update']).as('social.moderation.settings.update')
  })
  .use([middleware.kind(['portal']), middleware.auth()])
