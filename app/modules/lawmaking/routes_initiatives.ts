import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const InitiativesController = () => import('#modules/lawmaking/controllers/initiatives/initiatives_controller')
const InitiativeModerationController = () => import('#modules/lawmaking/controllers/initiatives/initiative_moderation_controller')
const InitiativeInboxController = () => import('#modules/lawmaking/controllers/initiatives/initiative_inbox_controller')
const id = router.matchers.number()

// Portal, public: published initiatives.
router
  .group(() => {
    router.get('/lawmaking/initiatives', [InitiativesController, 'index']).as('lawmaking.initiatives.index')
    router.get('/lawmaking/initiatives/:id', [InitiativesController, 'show']).where('id', id).as('lawmaking.initiatives.show')
  })
  .use(middleware.kind(['portal']))

// Portal, signed in: citizens write and support; moderators publish, reject and forward.
router
  .group(() => {
    router.get('/lawmaking/initiatives/new', [InitiativesController, 'create']).as('lawmaking.initiatives.create')
    router.post('/lawmaking/initiatives', [InitiativesController, 'store']).as('lawmaking.initiatives.store')
    router.post('/lawmaking/initiatives/:id/support', [InitiativesController, 'support']).where('id', id).as('lawmaking.initiatives.support')
    router.get('/lawmaking/initiatives/moderation', [InitiativeModerationController, 'index']).as('lawmaking.initiatives.moderation.index')
    router.post('/lawmaking/initiatives/:id/publish', [InitiativeModerationController, 'publish']).where('id', id).as('lawmaking.initiatives.publish')
    router.post('/lawmaking/initiatives/:id/reject', [InitiativeModerationController, 'reject']).where('id', id).as('lawmaking.initiatives.reject')
    router.post('/lawmaking/initiatives/:id/forward', [InitiativeModerationController, 'forward']).where('id', id).as('lawmaking.initiatives.forward')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Bodies (blocks and municipalities): the departments' inbox of initiatives awaiting an answer, with the experts' conclusions.
router
  .group(() => {
    router.get('/lawmaking/initiatives/inbox', [InitiativeInboxController, 'index']).as('lawmaking.initiatives.inbox.index')
    router.get('/lawmaking/initiatives/inbox/:id', [InitiativeInboxController, 'show']).where('id', id).as('lawmaking.initiatives.inbox.show')
    router.post('/lawmaking/initiatives/inbox/:id/answer', [InitiativeInboxController, 'answer']).where('id', id).as('lawmaking.initiatives.inbox.answer')
    router.get('/lawmaking/initiatives/inbox/:id/conclusions/:conclusionId/file', [InitiativeInboxController, 'conclusionFile'])
      .where('id', id)
      .where('conclusionId', id)
      .as('lawmaking.initiatives.inbox.conclusion_file')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
