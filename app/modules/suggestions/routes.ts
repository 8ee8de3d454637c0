import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SuggestionsController = () => import('#modules/suggestions/controllers/suggestions_controller')
const ModerationController = () => import('#modules/suggestions/controllers/moderation_controller')
const InboxController = () => import('#modules/suggestions/controllers/inbox_controller')
const ControlController = () => import('#modules/suggestions/controllers/control_controller')
const id = router.matchers.number()

// Portal, public: anyone reads public suggestions.
router
  .group(() => {
    router.get('/suggestions', [SuggestionsController, 'index']).as('suggestions.index')
    router.get('/suggestions/map', [SuggestionsController, 'map']).as('suggestions.map')
    router.get('/suggestions/map.json', [SuggestionsController, 'mapData']).as('suggestions.map.data')
    router.get('/suggestions/similar', [SuggestionsController, 'similar']).as('suggestions.similar')
    router.get('/suggestions/stats', [SuggestionsController, 'stats']).as('suggestions.stats')
    router.get('/suggestions/:id', [SuggestionsController, 'show']).where('id', id).as('suggestions.show')
    router.get('/suggestions/:id/attachments/:attachmentId', [SuggestionsController, 'attachment']).where('id', id).where('attachmentId', id).as('suggestions.attachments.show')
  })
  .use(middleware.kind(['portal']))

// Portal, signed in: citizens submit and support; moderators moderate; admins set thresholds.
router
  .group(() => {
    router.get('/suggestions/new', [SuggestionsController, 'create']).as('suggestions.create')
    router.post('/suggestions', [SuggestionsController, 'store']).as('suggestions.store')
    router.get('/suggestions/my', [SuggestionsController, 'my']).as('suggestions.my')
    router.post('/suggestions/:id/support', [SuggestionsController, 'support']).where('id', id).as('suggestions.support')

    router.get('/suggestions/moderation', [ModerationController, 'index']).as('suggestions.moderation.index')
    router.post('/suggestions/:id/publish', [ModerationController, 'publish']).where('id', id).as('suggestions.moderation.publish')
    router.post('/suggestions/:id/decline', [ModerationController, 'decline']).where('id', id).as('suggestions.moderation.decline')
    router.post('/suggestions/:id/send', [ModerationController, 'send']).where('id', id).as('suggestions.moderation.send')
    router.post('/suggestions/:id/readdress', [ModerationController, 'readdress']).where('id', id).as('suggestions.moderation.readdress')
    router.post('/suggestions/:id/hide', [ModerationController, 'hide']).where('id', id).as('suggestions.moderation.hide')
    router.post('/suggestions/:id/restore', [ModerationController, 'restore']).where('id', id).as('suggestions.moderation.restore')
    router.get('/suggestions/admin/thresholds', [ModerationController, 'thresholds']).as('suggestions.admin.thresholds')
    router.post('/suggestions/admin/thresholds', [ModerationController, 'saveThresholds']).as('suggestions.admin.thresholds.save')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Bodies (blocks and municipalities): the suggestions sent to them.
router
  .group(() => {
    router.get('/suggestions/inbox', [InboxController, 'index']).as('suggestions.inbox.index')
    router.get('/suggestions/inbox/:id', [InboxController, 'show']).where('id', id).as('suggestions.inbox.show')
    router.post('/suggestions/inbox/:id/answer', [InboxController, 'answer']).where('id', id).as('suggestions.inbox.answer')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])

// The Department of Control: every body's suggestions from the rollup.
router
  .group(() => {
    router.get('/suggestions/control', [ControlController, 'index']).as('suggestions.control.index')
  })
  .use([middleware.kind(['control']), middleware.auth()])
