import type { ModuleManifest } from '#core/module_manifest'

/**
 * In-app notifications of every module, for every tenant kind.
 */
const notifications: ModuleManifest = {
  name: 'notifications',
  kinds: ['block', 'municipality', 'control', 'portal'],
  routes: () => import('#modules/notifications/routes'),
  navigation: [
    {
      label: 'nav.notifications',
      href: '/notifications',
      kinds: ['block', 'municipality', 'control', 'portal'],
      position: 70,
      visible: (ctx) => !!ctx.auth.user,
      badge: async (ctx) => (await import('#modules/notifications/services/unread')).unreadCountFor(ctx),
      badgeLabel: 'notifications.unread_badge',
    },
  ],
  home: () => import('#modules/notifications/home'),
}

export default notifications
