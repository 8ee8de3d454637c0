import type { NavigationItem } from '#core/module_manifest'

/** The publications area's menu entries (portal header group 'community' unless said otherwise). */
const navigation: NavigationItem[] = [
  { label: 'social_publications.nav.feed', href: '/feed', kinds: ['portal'], position: 50, group: 'community', visible: (ctx) => !!ctx.auth.user },
  { label: 'social_publications.nav.publications', href: '/publications', kinds: ['portal'], position: 51, group: 'community' },
  { label: 'social_publications.nav.galleries', href: '/galleries', kinds: ['portal'], position: 53, group: 'community' },
  { label: 'social_publications.nav.communities', href: '/communities', kinds: ['portal'], position: 52, group: 'community' },
]

export default navigation
