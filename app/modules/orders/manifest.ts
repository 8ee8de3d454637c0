import type { ModuleManifest } from '#core/module_manifest'

/** In a rollup column: whether the row's order is of normal privacy (restricted texts never leave the block). */
const NORMAL_ORDER = `(select o.privacy from {schema}.orders o where o.id = t.order_id) = 'normal'`
/** History fields whose old and new values the rollup shows: statuses, dates and flags, never texts. */
const HISTORY_VALUE_FIELDS = `'status', 'deadline', 'deadlineKeyword', 'specialControl', 'privacy', 'type'`

/**
 * Orders control (поручения) for vice-governor blocks and the Department of Control.
 */
const orders: ModuleManifest = {
  name: 'orders',
  kinds: ['block', 'municipality', 'control'],
  routes: () => import('#modules/orders/routes'),
  home: () => import('#modules/orders/home'),
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
    {
      name: 'order_reports',
      from: 'order_reports',
      reads: ['orders'],
      // texts only of orders of normal privacy: a restricted order's report and review stay empty
      columns: [
        't.id', 't.order_id', 't.author_id', 't.status', 't.created_at', 't.reviewed_at', 't.completed_on',
        `case when ${NORMAL_ORDER} then t.text end as text`,
        `case when ${NORMAL_ORDER} then t.review_comment end as review_comment`,
      ],
    },
    {
      // the order's history: who did what when; values only of fields that carry no text, nothing of the details
      name: 'order_activities',
      from: 'order_activities',
      reads: ['orders'],
      columns: [
        't.id', 't.order_id', 't.actor_id', 't.action', 't.field', 't.created_at',
        `case when t.field in (${HISTORY_VALUE_FIELDS}) then t.old_value end as old_value`,
        `case when t.field in (${HISTORY_VALUE_FIELDS}) then t.new_value end as new_value`,
      ],
    },
  ],
}

export default orders
