import type { HttpContext } from '@adonisjs/core/http'
import type { ModuleManifest, NavigationGroup } from '#core/module_manifest'

export interface NavigationLink {
  kind: 'link'
  label: string
  href: string
  active: boolean
  /** The entry's figure for this user (read once per request, when the header renders), and its screen-reader text key. */
  badge?: () => Promise<number>
  badgeLabel?: string
}

/** A group of links shown as one disclosure menu; `active` when it holds the current page. */
export interface NavigationMenu {
  kind: 'menu'
  group: NavigationGroup
  label: string
  links: NavigationLink[]
  active: boolean
}

export type NavigationEntry = NavigationLink | NavigationMenu

/** A navigation item the current kind of user may see, its label translated. */
interface VisibleItem {
  position: number
  group?: NavigationGroup
  label: string
  href: string
  badge?: (ctx: HttpContext) => Promise<number>
  badgeLabel?: string
}

/** Distinct kinds of user are few (tenants × languages × roles × …); the bound only guards memory. */
const MAX_CACHED_MENUS = 5_000

/**
 * The layout's navigation, built from the modules' manifests. The modules
 * are handed over by start/routes.ts, where the module list is assembled, so
 * that core/ imports no module.
 */
class Navigation {
  #modules: ModuleManifest[] = []
  /**
   * Visible items per tenant, language and kind of user. `visible` depends on
   * nothing else (see NavigationItem), so an entry never goes stale: a user
   * whose role, status or department changes gets another key on their next
   * request, and a changed manifest means a new process.
   */
  #visible = new Map<string, VisibleItem[]>()

  use(modules: ModuleManifest[]) {
    this.#modules = modules
    this.#visible.clear()
  }

  #key(ctx: HttpContext) {
    const user = ctx.auth?.user
    const who = user ? `${user.role}:${user.status}:${user.departmentId === null || user.departmentId === undefined ? '-' : 'd'}` : 'guest'
    return `${ctx.tenant.slug}|${ctx.i18n.locale}|${who}`
  }

  async #visibleItems(ctx: HttpContext): Promise<VisibleItem[]> {
    const key = this.#key(ctx)
    const cached = this.#visible.get(key)
    if (cached) return cached

    const items: VisibleItem[] = []
    for (const module of this.#modules) {
      if (!module.kinds.includes(ctx.tenant.kind)) continue
      for (const item of module.navigation) {
        if (!item.kinds.includes(ctx.tenant.kind)) continue
        if (item.visible && !(await item.visible(ctx))) continue
        items.push({ position: item.position, group: item.group, label: ctx.i18n.t(item.label), href: item.href, badge: item.badge, badgeLabel: item.badgeLabel })
      }
    }
    items.sort((a, b) => a.position - b.position)
    if (this.#visible.size >= MAX_CACHED_MENUS) this.#visible.clear()
    this.#visible.set(key, items)
    return items
  }

  /**
   * The menu for the current tenant kind and user; its entries are built
   * only when a view reads them (most JSON and redirect responses never do).
   */
  async for(ctx: HttpContext): Promise<RequestNavigation> {
    const items = await this.#visibleItems(ctx)
    return new RequestNavigation(items, ctx.request.url(), (group) => ctx.i18n.t(`nav.group.${group}`), ctx)
  }
}

/**
 * The navigation of one request, shared with views as `navigation`
 * (`navigation.entries`). A class instance rather than an array: Edge's
 * share() deep-copies plain arrays and objects on every request.
 */
export class RequestNavigation {
  #entries?: NavigationEntry[]

  constructor(
    readonly items: readonly VisibleItem[],
    readonly path: string,
    readonly groupLabel: (group: NavigationGroup) => string,
    readonly ctx?: HttpContext
  ) {}

  /**
   * Links in position order, those of a group gathered where its first link
   * stands (a group with a single visible link is just that link).
   */
  get entries(): NavigationEntry[] {
    if (!this.#entries) this.#entries = this.#build()
    return this.#entries
  }

  /** The footer's links (the `footer` group), in position order. */
  get footer(): NavigationLink[] {
    return this.items.filter((item) => item.group === 'footer').map((item) => ({ kind: 'link', label: item.label, href: item.href, active: this.path === item.href || this.path.startsWith(`${item.href}/`) }))
  }

  /**
   * A badge read at most once per request, and only if the header shows it.
   * It is decoration: when it cannot be read (the error page of a failing
   * database, say) the entry shows without it rather than failing the page.
   */
  #badge(item: VisibleItem): Pick<NavigationLink, 'badge' | 'badgeLabel'> {
    const ctx = this.ctx
    if (!item.badge || !ctx) return {}
    let figure: Promise<number> | undefined
    return { badge: () => (figure ??= item.badge!(ctx).catch(() => 0)), badgeLabel: item.badgeLabel }
  }

  #build(): NavigationEntry[] {
    const path = this.path
    const items = this.items.filter((item) => item.group !== 'footer').map((item) => ({
      group: item.group,
      link: { kind: 'link', label: item.label, href: item.href, active: false, ...this.#badge(item) } as NavigationLink,
    }))
    // Only the most specific matching link is current (/orders/dashboard is not also /orders).
    let current: NavigationLink | undefined
    for (const { link } of items) {
      const matches = path === link.href || (link.href !== '/' && path.startsWith(`${link.href}/`))
      if (matches && (!current || link.href.length > current.href.length)) current = link
    }
    if (current) current.active = true

    const members = new Map<NavigationGroup, NavigationLink[]>()
    for (const item of items) if (item.group) members.set(item.group, [...(members.get(item.group) ?? []), item.link])

    const entries: NavigationEntry[] = []
    for (const item of items) {
      const links = item.group ? members.get(item.group)! : [item.link]
      if (links.length === 1) entries.push(item.link)
      else if (links[0] === item.link) {
        entries.push({ kind: 'menu', group: item.group!, label: this.groupLabel(item.group!), links, active: links.some((link) => link.active) })
      }
    }
    return entries
  }
}

export const navigation = new Navigation()
