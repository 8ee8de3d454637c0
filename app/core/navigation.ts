import type { HttpContext } from '@adonisjs/core/http'
import { modules } from '#modules/main'
import type { NavigationGroup } from '#core/module_manifest'

export interface NavigationLink {
  kind: 'link'
  label: string
  href: string
  active: boolean
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

/**
 * The menu for the current tenant kind and user, from the modules' manifests:
 * links in position order, those of a group gathered where its first link
 * stands (a group with a single visible link is just that link).
 */
export async function navigationFor(ctx: HttpContext): Promise<NavigationEntry[]> {
  const path = ctx.request.url()
  const items: { position: number; group?: NavigationGroup; link: NavigationLink }[] = []
  for (const module of modules) {
    if (!module.kinds.includes(ctx.tenant.kind)) continue
    for (const item of module.navigation) {
      if (!item.kinds.includes(ctx.tenant.kind)) continue
      if (item.visible && !(await item.visible(ctx))) continue
      const active = path === item.href || (item.href !== '/' && path.startsWith(`${item.href}/`))
      items.push({ position: item.position, group: item.group, link: { kind: 'link', label: ctx.i18n.t(item.label), href: item.href, active } })
    }
  }
  // Only the most specific matching link is current (/orders/dashboard is not also /orders).
  const current = items.filter((item) => item.link.active).sort((a, b) => b.link.href.length - a.link.href.length)[0]
  for (const item of items) item.link.active = item === current
  items.sort((a, b) => a.position - b.position)

  const members = new Map<NavigationGroup, NavigationLink[]>()
  for (const item of items) if (item.group) members.set(item.group, [...(members.get(item.group) ?? []), item.link])

  const entries: NavigationEntry[] = []
  for (const item of items) {
    const links = item.group ? members.get(item.group)! : [item.link]
    if (links.length === 1) entries.push(item.link)
    else if (links[0] === item.link) {
      entries.push({ kind: 'menu', group: item.group!, label: ctx.i18n.t(`nav.group.${item.group}`), links, active: links.some((link) => link.active) })
    }
  }
  return entries
}
