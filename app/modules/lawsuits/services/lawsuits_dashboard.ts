import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import { visibleCases } from '#modules/lawsuits/builders/visible_cases'
import { CATEGORIES, INSTANCES, OUTCOMES, type Category, type Instance, type Outcome } from '#modules/lawsuits/catalog'

export interface LawsuitFigures {
  open: number
  /** Claimed against us (we are the defendant) in open cases. */
  atRisk: number
  /** Claimed by us (we are the plaintiff or applicant) in open cases. */
  claimedByUs: number
  awarded: number
  collected: number
  byInstance: Record<Instance, number>
  byCategory: { category: Category; open: number; atRisk: number }[]
  /** Decided cases per month (the last `months`, oldest first), per outcome. */
  outcomesByMonth: { month: string; counts: Record<Outcome, number> }[]
}

const num = (value: unknown) => Number(value ?? 0)
const kopecks = (rubles: number) => Math.round(rubles * 100) / 100

/**
 * The lawsuits monitoring figures over the cases the user may see: open
 * cases by instance (stage) and category, amounts at risk, and outcomes per
 * month. Two aggregate queries whatever the number of cases.
 */
export async function lawsuitsDashboard(user: User, months = 12, today = DateTime.now()): Promise<LawsuitFigures> {
  const since = today.startOf('month').minus({ months: months - 1 })
  const client = LawsuitCase.query().client

  // One pass over the cases: per instance, category and open/closed, the sums the page needs.
  const groupsQuery = visibleCases(LawsuitCase.query(), user)
    .select('instance', 'category')
    .select(
      client.raw(`outcome is null as open,
        count(*)::int as count,
        coalesce(sum(claimed_amount) filter (where our_role = 'defendant'), 0) as against_us,
        coalesce(sum(claimed_amount) filter (where our_role in ('plaintiff', 'applicant')), 0) as by_us,
        coalesce(sum(awarded_amount), 0) as awarded,
        coalesce(sum(collected_amount), 0) as collected`)
    )
    .groupByRaw('instance, category, outcome is null')
    .pojo<{ instance: Instance; category: Category; open: boolean; count: number; against_us: string; by_us: string; awarded: string; collected: string }>()
  const outcomesQuery = visibleCases(LawsuitCase.query(), user)
    .whereNotNull('outcome')
    .where('decided_on', '>=', since.toISODate()!)
    .where('decided_on', '<=', today.toISODate()!)
    .select(client.raw(`to_char(decided_on, 'YYYY-MM') as month`), 'outcome')
    .select(client.raw('count(*)::int as count'))
    .groupByRaw(`to_char(decided_on, 'YYYY-MM'), outcome`)
    .pojo<{ month: string; outcome: Outcome; count: number }>()

  const [groups, outcomes] = await Promise.all([groupsQuery, outcomesQuery])

  const totals = { open: 0, atRisk: 0, claimedByUs: 0, awarded: 0, collected: 0 }
  const byInstance = Object.fromEntries(INSTANCES.map((instance) => [instance, 0])) as Record<Instance, number>
  const categories = new Map<Category, { open: number; atRisk: number }>()
  for (const row of groups) {
    totals.awarded += num(row.awarded)
    totals.collected += num(row.collected)
    if (!row.open) continue
    totals.open += row.count
    totals.atRisk += num(row.against_us)
    totals.claimedByUs += num(row.by_us)
    byInstance[row.instance] += row.count
    const entry = categories.get(row.category) ?? { open: 0, atRisk: 0 }
    entry.open += row.count
    entry.atRisk += num(row.against_us)
    categories.set(row.category, entry)
  }
  const outcomesByMonth = Array.from({ length: months }, (_, index) => {
    const month = since.plus({ months: index }).toFormat('yyyy-MM')
    const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>
    for (const row of outcomes) if (row.month === month) counts[row.outcome] = row.count
    return { month, counts }
  })

  return {
    // sums of rubles with kopecks added in JavaScript: back to whole kopecks
    open: totals.open,
    atRisk: kopecks(totals.atRisk),
    claimedByUs: kopecks(totals.claimedByUs),
    awarded: kopecks(totals.awarded),
    collected: kopecks(totals.collected),
    byInstance,
    byCategory: CATEGORIES.filter((category) => categories.has(category)).map((category) => ({
      category,
      open: categories.get(category)!.open,
      atRisk: kopecks(categories.get(category)!.atRisk),
    })),
    outcomesByMonth,
  }
}
