import type { ModuleManifest } from '#core/module_manifest'

/**
 * Orders control (поручения) for vice-governor blocks and the Department of Control.
 */
const orders: ModuleManifest = {
  name: 'orders',
  kinds: ['block', 'control'],
  routes: () => import('#modules/orders/routes'),
  navigation: [
    { label: 'nav.orders', href: '/orders', kinds: ['block', 'control'], position: 20, visible: (ctx) => !!ctx.auth.user },
    { label: 'nav.calendar', href: '/orders/calendar', kinds: ['block', 'control'], position: 83, visible: (ctx) => ctx.auth.user?.role === 'admin' },
    { label: 'nav.orders_dashboard', href: '/orders/dashboard', kinds: ['block', 'control'], position: 21, visible: (ctx) => !!ctx.auth.user },
  ],
}

export default orders
