import type { ModuleManifest } from '#core/module_manifest'

/**
 * Federal ratings of the region (editions, indicator tree, Δrank, alerts
 * that become orders) and the mass-media registry (publications, feeds,
 * tone and volume trends).
 */
const ratings: ModuleManifest = {
  name: 'ratings',
  kinds: ['block', 'control'],
  routes: () => import('#modules/ratings/routes'),
  navigation: [
    { label: 'ratings.nav', href: '/ratings', kinds: ['block', 'control'], position: 40, group: 'monitoring', visible: (ctx) => !!ctx.auth.user },
    { label: 'media.nav', href: '/media', kinds: ['block', 'control'], position: 41, group: 'monitoring', visible: (ctx) => !!ctx.auth.user },
    { label: 'ratings.control.title', href: '/ratings/region', kinds: ['control'], position: 42, group: 'region', visible: (ctx) => !!ctx.auth.user },
  ],
  // What the Department of Control reads of every block: figures and counts,
  // no names of people (media titles and links stay in the block too).
  rollup: [
    {
      name: 'rating_observations',
      from: 'rating_observation_facts',
      columns: [
        't.id', 't.rating_id', 't.edition_id', 't.period', 't.published_on', 't.regions_count', 't.indicator_id',
        't.indicator_code', 't.value', 't.score', 't.rank', 't.rank_shared', 't.district_rank', 't.previous_rank',
        't.rank_delta', 't.bottom_quartile',
      ],
    },
    { name: 'ratings', from: 'ratings', columns: ['t.id', 't.code', 't.title', 't.periodicity', 't.alert_drop_places'] },
    { name: 'rating_indicators', from: 'rating_indicators', columns: ['t.id', 't.rating_id', 't.parent_id', 't.code', 't.name'] },
    {
      name: 'media_items',
      from: 'media_item_facts',
      columns: ['t.media_item_id', 't.published_on', 't.outlet', 't.topic', 't.tone', 't.department_code'],
    },
  ],
}

export default ratings
