import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const StaffingController = () => import('#modules/staffing/controllers/staffing_controller')
const PositionsController = () => import('#modules/staffing/controllers/positions_controller')
const StaffingImportController = () => import('#modules/staffing/controllers/staffing_import_controller')
const StaffingExportsController = () => import('#modules/staffing/controllers/staffing_exports_controller')
const StaffingSettingsController = () => import('#modules/staffing/controllers/staffing_settings_controller')
const PublicStaffingController = () => import('#modules/staffing/controllers/public_staffing_controller')
const ControlStaffingController = () => import('#modules/staffing/controllers/control_staffing_controller')

const id = router.matchers.number()

router
  .group(() => {
    router.get('/staffing', [StaffingController, 'dashboard']).as('staffing.dashboard')
    router.get('/staffing/departments/:id', [StaffingController, 'department']).where('id', id).as('staffing.departments.show')
    router.post('/staffing/departments/:id/positions', [PositionsController, 'store']).where('id', id).as('staffing.positions.store')
    router.get('/staffing/positions/:id', [PositionsController, 'show']).where('id', id).as('staffing.positions.show')
    router.post('/staffing/positions/:id', [PositionsController, 'update']).where('id', id).as('staffing.positions.update')
    router.post('/staffing/positions/:id/staff', [PositionsController, 'addStaff']).where('id', id).as('staffing.staff.store')
    router.post('/staffing/staff/:id/end', [PositionsController, 'endStaff']).where('id', id).as('staffing.staff.end')
    router.get('/staffing/import', [StaffingImportController, 'show']).as('staffing.import.show')
    router.post('/staffing/import', [StaffingImportController, 'store']).as('staffing.import.store')
    router.get('/staffing/import/template/:kind', [StaffingImportController, 'template']).where('kind', /^(positions|staff)$/).as('staffing.import.template')
    router.get('/staffing/import/runs/:id', [StaffingImportController, 'run']).as('staffing.import.run')
    router.get('/staffing/export/completeness.xlsx', [StaffingExportsController, 'completenessXlsx']).as('staffing.export.completeness_xlsx')
    router.get('/staffing/export/completeness.pdf', [StaffingExportsController, 'completenessPdf']).as('staffing.export.completeness_pdf')
    router.get('/staffing/export/positions.xlsx', [StaffingExportsController, 'positions']).as('staffing.export.positions')
    router.get('/staffing/settings', [StaffingSettingsController, 'show']).as('staffing.settings.show')
    router.post('/staffing/settings', [StaffingSettingsController, 'update']).as('staffing.settings.update')
  })
  .use([middleware.kind(['block', 'municipality', 'control']), middleware.auth()])

// The Department of Control: every block, through the rollup.
router
  .get('/staffing/region', [ControlStaffingController, 'region'])
  .as('staffing.region')
  .use([middleware.kind(['control']), middleware.auth()])

// Open data: no sign-in, nothing personal.
router
  .group(() => {
    router.get('/staffing/public', [PublicStaffingController, 'page']).as('staffing.public.page')
    router.get('/staffing/public.json', [PublicStaffingController, 'json']).as('staffing.public.json').use(middleware.stateless())
    router.get('/staffing/public.csv', [PublicStaffingController, 'csv']).as('staffing.public.csv').use(middleware.stateless())
  })
  .use([middleware.kind(['block', 'municipality', 'control'])])
