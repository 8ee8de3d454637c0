// The portal's public side of law-making (catalogue, draft pages, remarks, statistics, moderation).
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DraftsController = () => import('#modules/lawmaking/controllers/portal/drafts_controller')
const RemarksController = () => import('#modules/lawmaking/controllers/portal/remarks_controller')
const ModerationController = () => import('#modules/lawmaking/controllers/portal/moderation_controller')
const SummariesController = () => import('#modules/lawmaking/controllers/portal/summaries_controller')
const StatsController = () => import('#modules/lawmaking/controllers/portal/stats_controller')
const FlagsController = () => import('#modules/lawmaking/controllers/portal/flags_controller')
const id = router.matchers.number()
const key = router.matchers.uuid()

// Anyone reads.
router
  .group(() => {
    router.get('/lawmaking', [DraftsController, 'index']).as('lawmaking.portal.index')
    router.get('/lawmaking/feed.atom', [DraftsController, 'feed']).as('lawmaking.portal.feed')
    router.get('/lawmaking/stats', [StatsController, 'show']).as('lawmaking.portal.stats')
    router.get('/lawmaking/drafts/:id', [DraftsController, 'show']).where('id', id).as('lawmaking.portal.show')
    router.get('/lawmaking/drafts/:id/redline', [DraftsController, 'redline']).where('id', id).as('lawmaking.portal.redline')
    // summary.xlsx or summary.pdf (the router reads a parameter only from the start of a segment)
    router
      .get('/lawmaking/drafts/:id/:file', [SummariesController, 'show'])
      .where('id', id)
      .where('file', /^summary\.(xlsx|pdf)$/)
      .as('lawmaking.portal.summary')
    router.get('/lawmaking/drafts/:id/clauses/:key', [RemarksController, 'show']).where('id', id).where('key', key).as('lawmaking.portal.clause')
    router.get('/lawmaking/drafts/:id/files/:fileId', [DraftsController, 'file']).where('id', id).where('fileId', id).as('lawmaking.portal.file')
  })
  .use(middleware.kind(['portal']))

// Signed in: citizens remark, reply, support and flag; moderators hide, restore and work the queue of flags.
router
  .group(() => {
    router.get('/lawmaking/my-remarks', [RemarksController, 'mine']).as('lawmaking.portal.my_remarks')
    router.post('/lawmaking/drafts/:id/clauses/:key/remarks', [RemarksController, 'store']).where('id', id).where('key', key).as('lawmaking.portal.remarks.store')
    router.post('/lawmaking/remarks/:id/replies', [RemarksController, 'reply']).where('id', id).as('lawmaking.portal.remarks.reply')
    router.post('/lawmaking/remarks/:id/support', [RemarksController, 'support']).where('id', id).as('lawmaking.portal.remarks.support')
    router.post('/lawmaking/remarks/:id/hide', [ModerationController, 'hide']).where('id', id).as('lawmaking.portal.remarks.hide')
    router.post('/lawmaking/remarks/:id/restore', [ModerationController, 'restore']).where('id', id).as('lawmaking.portal.remarks.restore')
    router.post('/lawmaking/remarks/:id/flag', [FlagsController, 'store']).where('id', id).as('lawmaking.portal.remarks.flag')
    router.get('/lawmaking/moderation', [FlagsController, 'queue']).as('lawmaking.portal.moderation')
    router.post('/lawmaking/remarks/:id/dismiss-flags', [FlagsController, 'dismiss']).where('id', id).as('lawmaking.portal.remarks.dismiss_flags')
  })
  .use([middleware.kind(['portal']), middleware.auth()])
