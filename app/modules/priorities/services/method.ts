/**
 * The published method of the priority ranks (version `priorities-v1`), as
 * pure code: the quarterly job and `priorities:verify` call the very same
 * function, the first with counts from the database, the second with counts
 * read from the published ballot file. docs/priorities.md says it in words
 * for anyone recomputing it with a spreadsheet.
 */
export const METHOD_VERSION = 'priorities-v1'

export const TIE_RULE =
  'Higher score first; on equal scores (to 9 decimals) more votes first; then the priority published earlier (lower id) first. Ranks are 1, 2, 3… with no shared places.'

export type Weighting = 'population' | 'none'

export interface RankedPriority {
  id: number
  level: 'regional' | 'municipal'
  municipalityCode: string | null
}

/** What a snapshot records of the method so that anyone can recompute it. */
export interface MethodDescription {
  version: string
  votesPerQuarter: number
  weighting: Weighting
  tieRule: string
  /** The municipalities with a rank of their own (codes, sorted). */
  municipalities: string[]
  /** Residents per municipality: the weights of the regional rank. */
  populations: Record<string, number>
  /** The priorities open in the quarter, the only ones ranked. */
  priorities: RankedPriority[]
}

/** Counted ballots per priority and municipality of the voter. */
export interface BallotCount {
  priorityId: number
  municipalityCode: string
  votes: number
}

export interface RankRow {
  /** `region` or a municipality's code */
  scope: string
  priorityId: number
  votes: number
  /** Decimal text: votes, or the population-weighted share with 9 decimals. */
  score: string
  rank: number
}

export const REGION_SCOPE = 'region'

/**
 * Ranks per scope. A municipality's rank: its residents' votes for the
 * regional priorities and for the municipality's own. The regional rank: the
 * regional priorities by every vote — with `population` weighting, each
 * municipality's shares of its residents' regional votes, averaged with the
 * municipalities' populations as weights (municipalities with no vote left
 * out), so a big city with many active voters does not decide alone.
 */
export function computeRanks(method: MethodDescription, counts: BallotCount[]): RankRow[] {
  const known = new Set(method.priorities.map((priority) => priority.id))
  const votes = new Map<string, number>()
  for (const count of counts) {
    if (!known.has(count.priorityId)) continue
    const key = `${count.priorityId}|${count.municipalityCode}`
    votes.set(key, (votes.get(key) ?? 0) + count.votes)
  }
  const votesOf = (priorityId: number, municipality: string) => votes.get(`${priorityId}|${municipality}`) ?? 0
  const regional = method.priorities.filter((priority) => priority.level === 'regional')
  const rows: RankRow[] = []

  for (const municipality of method.municipalities) {
    const ranked = method.priorities
      .filter((priority) => priority.level === 'regional' || priority.municipalityCode === municipality)
      .map((priority) => {
        const count = votesOf(priority.id, municipality)
        return { priorityId: priority.id, votes: count, value: count, score: String(count) }
      })
    rows.push(...ranked_(municipality, ranked))
  }

  const voters = [...new Set(counts.map((count) => count.municipalityCode))].sort()
  const regionalTotal = new Map<string, number>()
  for (const municipality of voters) {
    regionalTotal.set(municipality, regional.reduce((sum, priority) => sum + votesOf(priority.id, municipality), 0))
  }
  const weighted = voters.filter((municipality) => regionalTotal.get(municipality)! > 0)
  const population = (code: string) => method.populations[code] ?? 0
  const populationTotal = weighted.reduce((sum, code) => sum + population(code), 0)
  rows.push(
    ...ranked_(
      REGION_SCOPE,
      regional.map((priority) => {
        const count = voters.reduce((sum, municipality) => sum + votesOf(priority.id, municipality), 0)
        if (method.weighting === 'none' || populationTotal === 0) return { priorityId: priority.id, votes: count, value: count, score: String(count) }
        let share = 0
        for (const municipality of weighted) {
          share += (population(municipality) * votesOf(priority.id, municipality)) / regionalTotal.get(municipality)!
        }
        const value = Math.round((share / populationTotal) * 1e9) / 1e9
        return { priorityId: priority.id, votes: count, value, score: value.toFixed(9) }
      })
    )
  )
  return rows
}

function ranked_(scope: string, entries: { priorityId: number; votes: number; value: number; score: string }[]): RankRow[] {
  return entries
    .sort((a, b) => b.value - a.value || b.votes - a.votes || a.priorityId - b.priorityId)
    .map((entry, index) => ({ scope, priorityId: entry.priorityId, votes: entry.votes, score: entry.score, rank: index + 1 }))
}

/** Whether two rank lists say the same (order of rows aside). */
export function sameRanks(a: RankRow[], b: RankRow[]) {
  const key = (row: RankRow) => `${row.scope}|${row.priorityId}|${row.votes}|${row.score}|${row.rank}`
  const left = a.map(key).sort()
  const right = b.map(key).sort()
  return left.length === right.length && left.every((value, index) => value === right[index])
}
