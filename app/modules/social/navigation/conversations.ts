import type { NavigationItem } from '#core/module_manifest'

/**
 * The conversations area's menu entries. "Messages" stands on its own in the
 * portal header (not in the community menu) because it carries the unread
 * badge, which the header shows only on entries of their own.
 */
const navigation: NavigationItem[] = [
  {
    label: 'social_conversations.nav.messages',
    href: '/messages',
    kinds: ['portal'],
    position: 69,
    visible: (ctx) => !!ctx.auth.user,
    badge: async (ctx) => (await import('#modules/social/conversations/services/conversation_queries')).unreadTotal(ctx.auth.user!.id),
    badgeLabel: 'social_conversations.unread_badge',
  },
]

export default navigation
