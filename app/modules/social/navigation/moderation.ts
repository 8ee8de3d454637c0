import type { NavigationItem } from '#core/module_manifest'

/** The moderation area's menu entries (portal header group 'community' unless said otherwise). */
const navigation: NavigationItem[] = []

export default navigation
