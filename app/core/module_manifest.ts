import type { HttpContext } from '@adonisjs/core/http'
import type { TenantKind } from '#tenancy/naming'
import type { HomeSection } from '#core/home'

/**
 * Menus that gather related entries; an entry without one stands on its own in the header.
 * `footer` is no menu: its entries are the links of the page's footer (for a header with no room left).
 */
export type NavigationGroup = 'orders' | 'region' | 'monitoring' | 'lawmaking' | 'problems' | 'community' | 'admin' | 'footer'

/**
 * A navigation entry a module contributes to the layout. `visible` decides
 * whether the current user may see it (usually a policy check). It is asked
 * once per tenant, language and kind of user — signed in or not, role,
 * status, with or without a department — and the answer is remembered
 * (core/navigation.ts), so it must depend on nothing else of the request.
 */
export interface NavigationItem {
  /** i18n key of the label */
  label: string
  href: string
  kinds: TenantKind[]
  /** Menu order across modules; lower comes first. */
  position: number
  group?: NavigationGroup
  visible?: (ctx: HttpContext) => Promise<boolean> | boolean
  /**
   * A figure shown on the entry for this user (unread notifications), read
   * only when a page renders the header; `badgeLabel` is the i18n key of its
   * text for screen readers, given `{ count }`.
   */
  badge?: (ctx: HttpContext) => Promise<number>
  badgeLabel?: string
}

/**
 * A view the Department of Control reads instead of a block's table: every
 * block's rows of `from`, with a `block` column (the tenant slug) first and
 * then only the listed columns — SQL expressions over the alias `t`, each
 * with its name, e.g. `t.id`, `t.status`, `t.deadline`. Nothing else of the
 * table (and no personal data of citizens) is visible to the control tenant.
 */
export interface RollupView {
  /** Name in the `rollup` schema, e.g. `orders` → `rollup.orders`. */
  name: string
  /** The tenant table it reads. */
  from: string
  /** Column expressions over `t` (the `from` table); `{schema}` names the tenant's schema, for subqueries of `reads`. */
  columns: string[]
  /** Other tables of the tenant the columns read through `{schema}` (granted to the rollup's owner too). */
  reads?: string[]
}

/**
 * A materialized aggregate over rollup views (heavy dashboard figures),
 * refreshed concurrently by a repeatable job; `uniqueBy` are the columns of
 * the unique index a concurrent refresh needs.
 */
/** `(select <block> as block, <view columns> from <block's table>)`, aliased by the caller. */
export type RollupSource = (block: string, view: string) => string

export interface RollupAggregate {
  name: string
  /**
   * A SELECT over `rollup.<view>` names, or a function that builds one from
   * the block slugs and `source(block, view)`, the rows of one view for one
   * block read straight from that block's table. Joins that must stay within
   * a block use sources: the planner does not join the union-all views block
   * by block, and N filtered unions of N branches take quadratic planning.
   */
  sql: string | ((blocks: string[], source: RollupSource) => string)
  uniqueBy: string[]
  /**
   * How often the scheduled refresh renews it (default: every run, 30 s).
   * Figures kept over all history cost more to recompute than a dashboard's.
   */
  refreshEverySeconds?: number
}

/**
 * What a module registers, once: where it runs, its routes and its menu,
 * and what the control rollup may read of it.
 */
export interface ModuleManifest {
  name: string
  kinds: TenantKind[]
  routes: () => Promise<unknown>
  navigation: NavigationItem[]
  rollup?: RollupView[]
  rollupAggregates?: RollupAggregate[]
  /** The module's sections of the signed-in home page (core/home.ts). */
  home?: () => Promise<{ default: (ctx: HttpContext) => Promise<HomeSection[]> }>
}
