import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { wantsJson } from '#core/wants_json'
import { tenantDb } from '#tenancy/tenant_model'
import PublicDataset from '#modules/opendata/models/public_dataset'
import { loadRowsSoon } from '#modules/opendata/services/rows'
import { DIFF_LISTS, diffChanged, diffCounts, diffPlan, diffRows, type DiffList } from '#modules/opendata/services/diff'

/** `<list>_after` of the query string: the row number the list's page starts after (0: the first page). */
function cursorOf(qs: Record<string, unknown>, list: DiffList) {
  const value = qs[`${list}_after`]
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0
}

/**
 * A version of a public dataset compared with the previous one: counts of
 * rows added, removed and changed, and a page of each list (keyset on the
 * row number, 50 a page) — a page or, to `Accept: application/json`, JSON.
 */
export default class DiffController {
  async show(ctx: HttpContext) {
    const { request, response, params } = ctx
    const row = await tenantDb().from('opendata_public_datasets').where('identifier', params.identifier).select('id').first()
    if (!row) throw new errors.E_NOT_FOUND(`No open dataset ${params.identifier}`)
    const plan = await diffPlan(Number(row.id), Number(params.number))
    const pending = [plan.current, plan.previous].filter((side) => !side.rowsLoaded)
    if (pending.length) {
      // the rows are not loaded yet (or the job was lost): ask again and come back shortly
      for (const side of pending) await loadRowsSoon(ctx.tenant.slug, side.id).catch(() => {})
      response.header('retry-after', '30')
      return response.status(503).send('The data of these versions is being prepared')
    }
    const qs = request.qs()
    const cursors = Object.fromEntries(DIFF_LISTS.map((list) => [list, cursorOf(qs, list)])) as Record<DiffList, number>
    const [counts, added, removed, changed] = await Promise.all([
      diffCounts(plan),
      diffRows(plan, 'added', cursors.added),
      diffRows(plan, 'removed', cursors.removed),
      diffChanged(plan, cursors.changed),
    ])
    const base = `/opendata/${params.identifier}/versions/${plan.current.number}/diff`
    // the next page of one list keeps the other lists where they are
    const nextOf = (list: DiffList, page: { rows: { rowNumber: number }[]; more: boolean }) => {
      if (!page.more) return null
      const query = new URLSearchParams()
      for (const other of DIFF_LISTS) if (other !== list && cursors[other]) query.set(`${other}_after`, String(cursors[other]))
      query.set(`${list}_after`, String(page.rows.at(-1)!.rowNumber))
      return `${base}?${query}`
    }
    const diff = {
      identifier: params.identifier as string,
      version: plan.current.number,
      previousVersion: plan.previous.number,
      key: plan.key,
      fields: plan.fields,
      counts,
      added: { rows: added.rows, next: nextOf('added', added) },
      removed: { rows: removed.rows, next: nextOf('removed', removed) },
      changed: plan.key ? { rows: changed.rows, next: nextOf('changed', changed) } : null,
    }
    response.header('cache-control', 'public, max-age=300')
    if (wantsJson(request)) {
      response.header('access-control-allow-origin', '*')
      return response.ok(diff)
    }
    const dataset = await PublicDataset.findOrFail(row.id)
    const label = (fields: { name: string; descriptionRu: string; descriptionEn: string }[]) =>
      Object.fromEntries(fields.map((field) => [field.name, ctx.i18n.locale === 'en' ? field.descriptionEn : field.descriptionRu]))
    return ctx.view.render('pages/opendata/portal/diff', {
      dataset,
      diff,
      currentFields: plan.current.fields.map((field) => field.name),
      previousFields: plan.previous.fields.map((field) => field.name),
      labels: { ...label(plan.previous.fields), ...label(plan.current.fields) },
    })
  }
}
