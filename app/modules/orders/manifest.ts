import type { ModuleManifest } from '#core/module_manifest'

/**
 * Orders control (поручения) for vice-governor blocks and the Department of Control.
 */
const orders: ModuleManifest = {
  name: 'orders',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/orders/routes'),
  navigation: [
    { label: 'nav.orders', href: '/orders', kinds: ['block', 'municipality', 'control'], position: 20, group: 'orders', visible: (ctx) => !!ctx.auth.user },
    {
      label: 'nav.orders_board',
      href: '/orders/board',
      kinds: ['block', 'municipality', 'control'],
      position: 22, group: 'orders',
      visible: (ctx) => !!ctx.auth.user && (ctx.auth.user.hasRole('head', 'controller', 'admin') || !!ctx.auth.user.departmentId),
    },
    { label: 'nav.calendar', href: '/orders/calendar', kinds: ['block', 'municipality', 'control'], position: 83, group: 'admin', visible: (ctx) => ctx.auth.user?.role === 'admin' },
    { label: 'nav.orders_dashboard', href: '/orders/dashboard', kinds: ['block', 'municipality', 'control'], position: 21, group: 'orders', visible: (ctx) => !!ctx.auth.user },
  ],
  // What the Department of Control reads of a block's orders (restricted texts stay hidden).
  rollup: [
    {
      name: 'orders',
      from: 'orders',
      columns: [
        't.id', 't.number', 't.type', 't.status', 't.special_control', 't.privacy',
        `case when t.privacy = 'normal' then t.text end as text`,
        't.deadline', 't.issued_at', 't.completed_on', 't.accepted_at', 't.created_at',
        't.department_id', 't.parent_id', 't.issuer_id',
      ],
    },
    { name: 'order_executors', from: 'order_executors', columns: ['t.id', 't.order_id', 't.role', 't.department_id', 't.user_id', 't.deadline', 't.status'] },
    { name: 'order_reports', from: 'order_reports', columns: ['t.id', 't.order_id', 't.author_id', 't.status', 't.created_at', 't.reviewed_at'] },
  ],
}

export default orders
