import type { NavigationItem } from '#core/module_manifest'

/** The moderation area's menu entries: the queue for moderators and admins (admin group), their own moderation page in the community group. */
const navigation: NavigationItem[] = [
  {
    label: 'social_moderation.nav.queue',
    href: '/moderation',
    kinds: ['portal'],
    position: 80,
    group: 'admin',
    visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin'),
  },
]

export default navigation
