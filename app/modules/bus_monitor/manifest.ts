import type { ModuleManifest } from '#core/module_manifest'
import BusMonitorPolicy from '#modules/bus_monitor/policies/bus_monitor_policy'

/**
 * The tenant bus as the Department of Control's admins see it: per tenant,
 * what waits, what arrived, what failed. Read-only: retrying stays with the
 * sysadmins (node ace bus:retry).
 */
const busMonitor: ModuleManifest = {
  name: 'bus_monitor',
  kinds: ['control'],
  routes: () => import('#modules/bus_monitor/routes'),
  navigation: [
    {
      label: 'bus.nav',
      href: '/admin/bus',
      kinds: ['control'],
      position: 83, group: 'admin',
      visible: (ctx) => !!ctx.auth.user && ctx.bouncer.with(BusMonitorPolicy).allows('view'),
    },
  ],
}

export default busMonitor
