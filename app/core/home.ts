import type { HttpContext } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'
import type { ModuleManifest } from '#core/module_manifest'

/** Items a home section lists at most; its "all …" links lead to the full list. */
export const HOME_LIST_LIMIT = 5

/** One line of a home section: a thing to open, with what to know about it. */
export interface HomeItem {
  href: string
  label: string
  /** A second line: a status, a department, a remark. */
  detail?: string | null
  /** A calendar day (YYYY-MM-DD), shown with `dateLabel` before it. */
  date?: string | null
  dateLabel?: string | null
  /** A moment (when a notification came), shown as date and time. */
  moment?: DateTime | null
  /** A time of day or "all day" (planner entries). */
  time?: string | null
  /** Past its deadline: shown in the overdue style. */
  overdue?: boolean
  /** A figure instead of a date (counts by department). */
  count?: number
}

/**
 * A block of the signed-in home page: what one module has for this person
 * now. A module returns no section (rather than an empty one) when the
 * person has no such role or nothing to show.
 */
export interface HomeSection {
  key: string
  /** Order on the page, across modules; lower comes first. */
  position: number
  title: string
  /** How many things there are in all (the list shows the first few). */
  total: number
  /** Shown instead of the total when it was counted only up to a cap ("99+"). */
  totalText?: string
  items: HomeItem[]
  /** "All …" links to the full filtered lists. */
  links: { href: string; label: string }[]
}

export type HomeProvider = (ctx: HttpContext) => Promise<HomeSection[]>

/**
 * The personal home page, assembled from the sections the modules
 * contribute through their manifests (`home`). The module list is handed
 * over by start/routes.ts, like the navigation's, so core/ imports no module.
 */
class Home {
  #modules: ModuleManifest[] = []

  use(modules: ModuleManifest[]) {
    this.#modules = modules
  }

  /** The sections for the current tenant and user, every module's queries run side by side. */
  async sectionsFor(ctx: HttpContext): Promise<HomeSection[]> {
    const providers = this.#modules.filter((module) => module.home && module.kinds.includes(ctx.tenant.kind))
    const sections = await Promise.all(providers.map(async (module) => (await module.home!()).default(ctx)))
    return sections.flat().sort((a, b) => a.position - b.position)
  }
}

export const home = new Home()
