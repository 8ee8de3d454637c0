import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BusMonitorController = () => import('#modules/bus_monitor/controllers/bus_monitor_controller')

router
  .get('/admin/bus', [BusMonitorController, 'index'])
  .as('bus_monitor.index')
  .use([middleware.auth(), middleware.kind(['control'])])
