import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { RDF_FORMATS } from '#modules/opendata/services/dcat/serialize'

const DcatController = () => import('#modules/opendata/controllers/portal/dcat_controller')
/** `<INN>-<name>`: an identifier as the methodology builds it. */
const IDENTIFIER = /^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/

// The DCAT-AP 2.1 catalogue: anyone, no session (CORS for GET, ETag, Last-Modified), like the methodology files.
// `dataset.<format>` is a fixed name the methodology files' route (`/opendata/:identifier/:file`) never matches.
router
  .group(() => {
    for (const format of RDF_FORMATS) {
      router.get(`/opendata/catalog.${format}`, [DcatController, 'catalogue']).as(`opendata.dcat.catalogue.${format}`)
      router.get(`/opendata/:identifier/dataset.${format}`, [DcatController, 'dataset']).where('identifier', IDENTIFIER).as(`opendata.dcat.dataset.${format}`)
    }
  })
  .use([middleware.kind(['portal']), middleware.stateless()])
