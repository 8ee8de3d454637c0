import type { HttpContext } from '@adonisjs/core/http'
import type { TenantKind } from '#tenancy/naming'

/**
 * A navigation entry a module contributes to the layout. `visible` decides,
 * per request, whether the current user may see it (usually a policy check).
 */
export interface NavigationItem {
  /** i18n key of the label */
  label: string
  href: string
  kinds: TenantKind[]
  /** Menu order across modules; lower comes first. */
  position: number
  visible?: (ctx: HttpContext) => Promise<boolean> | boolean
}

/**
 * What a module registers, once: where it runs, its routes and its menu.
 */
export interface ModuleManifest {
  name: string
  kinds: TenantKind[]
  routes: () => Promise<unknown>
  navigation: NavigationItem[]
}
