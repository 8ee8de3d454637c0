import type { ModuleManifest } from '#core/module_manifest'
import profilesNavigation from '#modules/social/navigation/profiles'
import publicationsNavigation from '#modules/social/navigation/publications'
import conversationsNavigation from '#modules/social/navigation/conversations'
import moderationNavigation from '#modules/social/navigation/moderation'

/**
 * The experts' social network on the portal: profiles, experts and
 * organisations, official accounts of bodies (created over the bus),
 * follows and the feed, publications and galleries, communities,
 * conversations, and the one moderation queue for all user content.
 * Each area keeps its routes and menu entries in a file of its own.
 */
const social: ModuleManifest = {
  name: 'social',
  kinds: ['portal', 'block', 'municipality'],
  routes: () => import('#modules/social/routes'),
  navigation: [...profilesNavigation, ...publicationsNavigation, ...conversationsNavigation, ...moderationNavigation],
}

export default social
