import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PwaController = () => import('#modules/pwa/controllers/pwa_controller')

// Public on purpose: the browser fetches these without a session, and they
// carry nothing of the person (the offline page is static).
router.get('/manifest.webmanifest', [PwaController, 'manifest']).as('pwa.manifest').use(middleware.stateless())
router.get('/sw.js', [PwaController, 'serviceWorker']).as('pwa.service_worker').use(middleware.stateless())
router.get('/offline', [PwaController, 'offline']).as('pwa.offline')
