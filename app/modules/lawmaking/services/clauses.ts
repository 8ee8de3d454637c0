import { randomUUID } from 'node:crypto'

/**
 * The text of a draft act as a tree of numbered clauses, the way Russian
 * acts are written: статья → часть → пункт → подпункт (article → part →
 * point → sub-point). A developer pastes or types the text; each line that
 * starts with a clause marker opens a clause, other lines continue the
 * clause above. Keys are stable across versions (see `carryKeys`), so a
 * remark stays attached to its clause when the text around it changes.
 */

export interface ParsedClause {
  /** Path of labels, e.g. "Статья 2 / 1. / а)": how a clause is found again in the next version. */
  path: string
  label: string
  depth: number
  text: string
  /** Index of the parent in the same list, or null at the top. */
  parent: number | null
}

export interface Clause {
  key: string
  parentKey: string | null
  position: number
  depth: number
  label: string
  text: string
  /** The version in which this text first appeared. */
  changedIn: number
}

/** Markers by level: 0 article, 1 part ("1."), 2 point ("1)"), 3 sub-point ("а)"). */
const MARKERS: { depth: number; pattern: RegExp }[] = [
  { depth: 0, pattern: /^((?:Статья|Article)\s+\d+(?:\.\d+)*)\.?\s*(.*)$/i },
  { depth: 1, pattern: /^(\d+(?:\.\d+)*\.)\s+(.*)$/ },
  { depth: 2, pattern: /^(\d+\))\s+(.*)$/ },
  { depth: 3, pattern: /^([а-яёa-z]\))\s+(.*)$/i },
]

/** Most clauses a text may have (a long regional code has a few hundred articles with parts). */
export const MAX_CLAUSES = 5000

export class InvalidText extends Error {}

/**
 * Cuts a text into clauses. Text before the first marker is the preamble
 * (its own clause); blank lines separate paragraphs inside a clause.
 */
export function parseClauses(source: string): ParsedClause[] {
  const clauses: ParsedClause[] = []
  // the open clause at each depth, for finding a new clause's parent
  const open: (number | null)[] = [null, null, null, null]
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(/\s+/g, ' ').trim()
    if (!line) {
      const last = clauses.at(-1)
      if (last && !last.text.endsWith('\n\n')) last.text += '\n\n'
      continue
    }
    const marker = MARKERS.map((candidate) => ({ depth: candidate.depth, match: line.match(candidate.pattern) })).find((found) => found.match)
    if (!marker) {
      const last = clauses.at(-1)
      if (last) last.text = last.text ? `${last.text}${last.text.endsWith('\n\n') ? '' : ' '}${line}` : line
      else clauses.push({ path: 'preamble', label: 'preamble', depth: 0, text: line, parent: null })
      continue
    }
    const label = marker.match![1]
    const parentIndex = open.slice(0, marker.depth).reduce<number | null>((found, index) => (index === null ? found : index), null)
    const depth = parentIndex === null ? 0 : clauses[parentIndex].depth + 1
    const path = parentIndex === null ? label : `${clauses[parentIndex].path} / ${label}`
    clauses.push({ path, label, depth, text: marker.match![2], parent: parentIndex })
    open[marker.depth] = clauses.length - 1
    for (let deeper = marker.depth + 1; deeper < open.length; deeper++) open[deeper] = null
    if (clauses.length > MAX_CLAUSES) throw new InvalidText(`More than ${MAX_CLAUSES} clauses`)
  }
  for (const clause of clauses) clause.text = clause.text.trim()
  if (!clauses.length) throw new InvalidText('The text is empty')
  const seen = new Set<string>()
  for (const clause of clauses) {
    if (seen.has(clause.path)) throw new InvalidText(`Clause "${clause.path}" appears twice`)
    seen.add(clause.path)
  }
  return clauses
}

/** Words of a text, lower-cased, for a rough similarity of two wordings. */
function words(text: string) {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
}

function similarity(a: string, b: string) {
  const left = words(a)
  const right = words(b)
  if (!left.size && !right.size) return 1
  let shared = 0
  for (const word of left) if (right.has(word)) shared++
  return shared / (left.size + right.size - shared)
}

/** How alike two wordings must be for a renumbered, edited clause to keep its key. */
const SAME_CLAUSE_SIMILARITY = 0.6

/**
 * The clauses of a new version with keys carried from the previous one:
 * a clause with the same text keeps its key wherever it moved (renumbered),
 * then one with the same place (path) keeps it although edited, then one
 * much like an unmatched old clause. The rest are new. `changedIn` stays
 * where the text is the same, so remarks made on an earlier version still
 * apply to it.
 */
export function carryKeys(parsed: ParsedClause[], previous: Clause[], version: number): Clause[] {
  const previousPaths = pathsOf(previous)
  const keys: (string | null)[] = parsed.map(() => null)
  const taken = new Set<string>()
  const byText = new Map<string, Clause[]>()
  for (const clause of previous) byText.set(clause.text, [...(byText.get(clause.text) ?? []), clause])
  const oldByKey = new Map(previous.map((clause) => [clause.key, clause]))

  parsed.forEach((clause, index) => {
    const same = (byText.get(clause.text) ?? []).filter((candidate) => !taken.has(candidate.key))
    // with several identical old clauses, the one in the same place first
    const pick = same.find((candidate) => previousPaths.get(candidate.key) === clause.path) ?? (same.length === 1 ? same[0] : undefined)
    if (pick) {
      keys[index] = pick.key
      taken.add(pick.key)
    }
  })
  const keyByPath = new Map([...previousPaths].map(([key, path]) => [path, key]))
  parsed.forEach((clause, index) => {
    if (keys[index]) return
    const key = keyByPath.get(clause.path)
    if (key && !taken.has(key)) {
      keys[index] = key
      taken.add(key)
    }
  })
  parsed.forEach((clause, index) => {
    if (keys[index]) return
    let best: Clause | null = null
    let bestScore = SAME_CLAUSE_SIMILARITY
    for (const candidate of previous) {
      if (taken.has(candidate.key)) continue
      const score = similarity(candidate.text, clause.text)
      if (score >= bestScore) {
        best = candidate
        bestScore = score
      }
    }
    if (best) {
      keys[index] = best.key
      taken.add(best.key)
    }
  })

  const finalKeys = keys.map((key) => key ?? randomUUID())
  return parsed.map((clause, index) => {
    const before = oldByKey.get(finalKeys[index])
    return {
      key: finalKeys[index],
      parentKey: clause.parent === null ? null : finalKeys[clause.parent],
      position: index + 1,
      depth: clause.depth,
      label: clause.label,
      text: clause.text,
      changedIn: before && before.text === clause.text ? before.changedIn : version,
    }
  })
}

/** The path of every clause by key (labels from the top), as `carryKeys` matches places. */
export function pathsOf(clauses: Pick<Clause, 'key' | 'parentKey' | 'label'>[]) {
  const byKey = new Map(clauses.map((clause) => [clause.key, clause]))
  const paths = new Map<string, string>()
  const pathOf = (key: string): string => {
    const known = paths.get(key)
    if (known) return known
    const clause = byKey.get(key)!
    const path = clause.parentKey && byKey.has(clause.parentKey) ? `${pathOf(clause.parentKey)} / ${clause.label}` : clause.label
    paths.set(key, path)
    return path
  }
  for (const clause of clauses) pathOf(clause.key)
  return paths
}

/** The text of a version again, as the developer typed it (for editing the next version). */
export function sourceOf(clauses: Pick<Clause, 'label' | 'text'>[]) {
  return clauses
    .map((clause) => (clause.label === 'preamble' ? clause.text : `${clause.label} ${clause.text}`.trim()))
    .join('\n\n')
}
