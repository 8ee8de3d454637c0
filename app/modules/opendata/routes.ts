import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import '#modules/opendata/routes_ckan'
import '#modules/opendata/routes_dcat'
import '#modules/opendata/routes_diffdash'
import '#modules/opendata/routes_generated'
import '#modules/opendata/routes_views'

const DatasetsController = () => import('#modules/opendata/controllers/office/datasets_controller')
const CatalogueController = () => import('#modules/opendata/controllers/portal/catalogue_controller')
const id = router.matchers.number()
/** `<INN>-<name>`: an identifier as the methodology builds it. */
const IDENTIFIER = /^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/

// A body's open data: its head, admins and department heads (OpendataPolicy).
router
  .group(() => {
    router.get('/opendata/office/datasets', [DatasetsController, 'index']).as('opendata.office.index')
    router.get('/opendata/office/datasets/new', [DatasetsController, 'create']).as('opendata.office.create')
    router.post('/opendata/office/datasets', [DatasetsController, 'store']).as('opendata.office.store')
    router.get('/opendata/office/profile', [DatasetsController, 'profile']).as('opendata.office.profile')
    router.post('/opendata/office/profile', [DatasetsController, 'saveProfile']).as('opendata.office.profile.save')
    router.get('/opendata/office/datasets/:id', [DatasetsController, 'show']).where('id', id).as('opendata.office.show')
    router.get('/opendata/office/datasets/:id/edit', [DatasetsController, 'edit']).where('id', id).as('opendata.office.edit')
    router.post('/opendata/office/datasets/:id', [DatasetsController, 'update']).where('id', id).as('opendata.office.update')
    router.post('/opendata/office/datasets/:id/uploads', [DatasetsController, 'upload']).where('id', id).as('opendata.office.upload')
    router.get('/opendata/office/datasets/:id/uploads/:uploadId', [DatasetsController, 'structure']).where('id', id).where('uploadId', id).as('opendata.office.structure')
    router
      .post('/opendata/office/datasets/:id/uploads/:uploadId/delete', [DatasetsController, 'discard'])
      .where('id', id)
      .where('uploadId', id)
      .as('opendata.office.discard')
    router
      .post('/opendata/office/datasets/:id/uploads/:uploadId/publish', [DatasetsController, 'publish'])
      .where('id', id)
      .where('uploadId', id)
      .as('opendata.office.publish')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])

// The portal's catalogue and dataset pages: anyone reads.
router
  .group(() => {
    router.get('/opendata', [CatalogueController, 'index']).as('opendata.portal.index')
    router.get('/opendata/:identifier', [CatalogueController, 'show']).where('identifier', IDENTIFIER).as('opendata.portal.show')
  })
  .use(middleware.kind(['portal']))

// The files of the methodological recommendations 3.0: anyone, no session (CORS for GET, ETag, Last-Modified).
router
  .group(() => {
    for (const format of ['csv', 'json', 'xml']) router.get(`/opendata/list.${format}`, [CatalogueController, 'list']).as(`opendata.list.${format}`)
    router
      .get('/opendata/:identifier/:file', [CatalogueController, 'file'])
      .where('identifier', IDENTIFIER)
      .where('file', /^(meta\.(csv|json|xml)|structure-[0-9T]+\.(csv|json|xml)|data-[0-9T]+-structure-[0-9T]+\.(csv|json|xml))$/)
      .as('opendata.files')
  })
  .use([middleware.kind(['portal']), middleware.stateless()])
