import type { NavigationItem } from '#core/module_manifest'

/** The publications area's menu entries (portal header group 'community' unless said otherwise). */
const navigation: NavigationItem[] = []

export default navigation
