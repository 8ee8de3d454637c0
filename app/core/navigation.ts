import type { HttpContext } from '@adonisjs/core/http'
import { modules } from '#modules/main'

export interface NavigationLink {
  label: string
  href: string
  active: boolean
}

/**
 * The menu for the current tenant kind and user, from the modules' manifests.
 */
export async function navigationFor(ctx: HttpContext): Promise<NavigationLink[]> {
  const path = ctx.request.url()
  const links: (NavigationLink & { position: number })[] = []
  for (const module of modules) {
    if (!module.kinds.includes(ctx.tenant.kind)) continue
    for (const item of module.navigation) {
      if (!item.kinds.includes(ctx.tenant.kind)) continue
      if (item.visible && !(await item.visible(ctx))) continue
      links.push({
        position: item.position,
        label: ctx.i18n.t(item.label),
        href: item.href,
        active: path === item.href || (item.href !== '/' && path.startsWith(`${item.href}/`)),
      })
    }
  }
  // Only the most specific matching link is current (/orders/dashboard is not also /orders).
  const current = links.filter((link) => link.active).sort((a, b) => b.href.length - a.href.length)[0]
  return links
    .sort((a, b) => a.position - b.position)
    .map(({ position: _, ...link }) => ({ ...link, active: link.href === current?.href }))
}
