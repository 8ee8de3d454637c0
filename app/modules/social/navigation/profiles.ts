import type { NavigationItem } from '#core/module_manifest'

/** The profiles area's menu entries (portal header group 'community' unless said otherwise). */
const navigation: NavigationItem[] = [
  { label: 'social_profiles.nav.my_profile', href: '/people/me/edit', kinds: ['portal'], position: 56, group: 'community', visible: (ctx) => !!ctx.auth.user?.isActive },
  { label: 'social_profiles.nav.follows', href: '/people/me/follows', kinds: ['portal'], position: 57, group: 'community', visible: (ctx) => !!ctx.auth.user?.isActive },
  { label: 'social_profiles.nav.organisations', href: '/organisations', kinds: ['portal'], position: 54, group: 'community' },
  { label: 'social_profiles.nav.subjects', href: '/subjects', kinds: ['portal'], position: 55, group: 'community' },
  {
    label: 'social_profiles.nav.organisations_moderation',
    href: '/organisations/moderation',
    kinds: ['portal'],
    position: 86,
    group: 'admin',
    visible: (ctx) => !!ctx.auth.user?.hasRole('moderator', 'admin'),
  },
  {
    label: 'social_profiles.nav.official_account',
    href: '/official-account',
    kinds: ['block', 'municipality'],
    position: 89,
    group: 'admin',
    visible: (ctx) => !!ctx.auth.user?.hasRole('admin'),
  },
]

export default navigation
