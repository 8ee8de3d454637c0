// The bodies' side of law-making (drafts, versions, decisions on remarks).
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DraftsController = () => import('#modules/lawmaking/controllers/office/drafts_controller')
const PublicationsController = () => import('#modules/lawmaking/controllers/office/publications_controller')
const RemarkDecisionsController = () => import('#modules/lawmaking/controllers/office/remark_decisions_controller')
const RedlinesController = () => import('#modules/lawmaking/controllers/office/redlines_controller')
const DraftFilesController = () => import('#modules/lawmaking/controllers/office/draft_files_controller')
const id = router.matchers.number()

// Blocks and municipalities: the developer departments' drafts (DraftPolicy decides who, per department).
router
  .group(() => {
    router.get('/lawmaking/office/drafts', [DraftsController, 'index']).as('lawmaking.office.drafts.index')
    router.get('/lawmaking/office/drafts/new', [DraftsController, 'create']).as('lawmaking.office.drafts.create')
    router.post('/lawmaking/office/drafts', [DraftsController, 'store']).as('lawmaking.office.drafts.store')
    router.get('/lawmaking/office/drafts/:id', [DraftsController, 'show']).where('id', id).as('lawmaking.office.drafts.show')
    router.get('/lawmaking/office/drafts/:id/edit', [DraftsController, 'edit']).where('id', id).as('lawmaking.office.drafts.edit')
    router.post('/lawmaking/office/drafts/:id', [DraftsController, 'update']).where('id', id).as('lawmaking.office.drafts.update')
    router.post('/lawmaking/office/drafts/:id/publish', [PublicationsController, 'store']).where('id', id).as('lawmaking.office.drafts.publish')
    router.post('/lawmaking/office/drafts/:id/complete', [PublicationsController, 'complete']).where('id', id).as('lawmaking.office.drafts.complete')
    router.get('/lawmaking/office/drafts/:id/redline', [RedlinesController, 'show']).where('id', id).as('lawmaking.office.drafts.redline')
    router.post('/lawmaking/office/drafts/:id/files', [DraftFilesController, 'store']).where('id', id).as('lawmaking.office.files.store')
    router.get('/lawmaking/office/drafts/:id/files/:fileId', [DraftFilesController, 'show']).where('id', id).where('fileId', id).as('lawmaking.office.files.show')
    router.post('/lawmaking/office/drafts/:id/files/:fileId/delete', [DraftFilesController, 'destroy']).where('id', id).where('fileId', id).as('lawmaking.office.files.destroy')
    router
      .post('/lawmaking/office/drafts/:id/remarks/:remarkId/decision', [RemarkDecisionsController, 'store'])
      .where('id', id)
      .where('remarkId', id)
      .as('lawmaking.office.remarks.decide')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
