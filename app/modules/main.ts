import type { ModuleManifest } from '#core/module_manifest'
import identity from '#modules/identity/manifest'
import orders from '#modules/orders/manifest'
import notifications from '#modules/notifications/manifest'
import programmes from '#modules/programmes/manifest'

/**
 * Every module of the platform, in menu order.
 */
export const modules: ModuleManifest[] = [identity, orders, programmes, notifications]
