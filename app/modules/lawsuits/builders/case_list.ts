import type User from '#modules/identity/models/user'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import { visibleCases } from '#modules/lawsuits/builders/visible_cases'
import type { Category, Instance } from '#modules/lawsuits/catalog'

export interface CaseFilters {
  q?: string
  instance?: Instance
  category?: Category
  state?: 'open' | 'closed' | 'all'
}

/**
 * The cases a user sees, filtered: open ones by default, next hearing
 * first; closed ones latest decision first; all of them newest first (each
 * order has its index, so a page reads a page of rows). The same query
 * feeds the list page and the exports.
 */
export function listCases(user: User, filters: CaseFilters) {
  const query = visibleCases(LawsuitCase.query(), user)
  const state = filters.state ?? 'open'
  if (state === 'open') query.whereNull('lawsuit_cases.outcome')
  if (state === 'closed') query.whereNotNull('lawsuit_cases.outcome')
  if (filters.instance) query.where('lawsuit_cases.instance', filters.instance)
  if (filters.category) query.where('lawsuit_cases.category', filters.category)
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    query.where((search) => search.whereILike('lawsuit_cases.number', like).orWhereILike('lawsuit_cases.court', like).orWhereILike('lawsuit_cases.subject', like))
  }
  if (state === 'open') return query.orderByRaw('lawsuit_cases.next_hearing_on asc nulls last, lawsuit_cases.id desc')
  if (state === 'closed') return query.orderByRaw('lawsuit_cases.decided_on desc nulls last, lawsuit_cases.id desc')
  return query.orderBy('lawsuit_cases.id', 'desc')
}
