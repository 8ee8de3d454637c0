import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LawsuitsController = () => import('#modules/lawsuits/controllers/lawsuits_controller')
const LawsuitHearingsController = () => import('#modules/lawsuits/controllers/lawsuit_hearings_controller')
const LawsuitActsController = () => import('#modules/lawsuits/controllers/lawsuit_acts_controller')
const LawsuitAppealsController = () => import('#modules/lawsuits/controllers/lawsuit_appeals_controller')
const LawsuitImportsController = () => import('#modules/lawsuits/controllers/lawsuit_imports_controller')
const LawsuitRegionController = () => import('#modules/lawsuits/controllers/lawsuit_region_controller')
const id = router.matchers.number()

router
  .group(() => {
    router.get('/lawsuits', [LawsuitsController, 'index']).as('lawsuits.index')
    router.get('/lawsuits/new', [LawsuitsController, 'create']).as('lawsuits.create')
    router.post('/lawsuits', [LawsuitsController, 'store']).as('lawsuits.store')
    router.get('/lawsuits/dashboard', [LawsuitsController, 'dashboard']).as('lawsuits.dashboard')
    router.get('/lawsuits/hearings', [LawsuitsController, 'hearings']).as('lawsuits.hearings')
    router.get('/lawsuits/export/:format', [LawsuitsController, 'export']).where('format', /^(xlsx|pdf)$/).as('lawsuits.export')
    router.get('/lawsuits/import', [LawsuitImportsController, 'create']).as('lawsuits.import.create')
    router.post('/lawsuits/import', [LawsuitImportsController, 'store']).as('lawsuits.import.store')
    router.get('/lawsuits/import/template', [LawsuitImportsController, 'template']).as('lawsuits.import.template')
    router.get('/lawsuits/:id', [LawsuitsController, 'show']).where('id', id).as('lawsuits.show')
    router.get('/lawsuits/:id/edit', [LawsuitsController, 'edit']).where('id', id).as('lawsuits.edit')
    router.post('/lawsuits/:id/edit', [LawsuitsController, 'update']).where('id', id).as('lawsuits.update')
    router.post('/lawsuits/:id/hearings', [LawsuitHearingsController, 'store']).where('id', id).as('lawsuits.hearings.store')
    router
      .post('/lawsuits/:id/hearings/:eventId', [LawsuitHearingsController, 'update'])
      .where('id', id)
      .where('eventId', id)
      .as('lawsuits.hearings.update')
    router.post('/lawsuits/:id/acts', [LawsuitActsController, 'store']).where('id', id).as('lawsuits.acts.store')
    router
      .get('/lawsuits/:id/acts/:actId', [LawsuitActsController, 'show'])
      .where('id', id)
      .where('actId', id)
      .as('lawsuits.acts.show')
    router
      .post('/lawsuits/:id/acts/:actId/delete', [LawsuitActsController, 'destroy'])
      .where('id', id)
      .where('actId', id)
      .as('lawsuits.acts.destroy')
    router.post('/lawsuits/:id/appeal', [LawsuitAppealsController, 'store']).where('id', id).as('lawsuits.appeal')
  })
  .use([middleware.kind(['block', 'municipality', 'control']), middleware.auth()])

router
  .get('/lawsuits/region', [LawsuitRegionController, 'index'])
  .as('lawsuits.region')
  .use([middleware.kind(['control']), middleware.auth()])
