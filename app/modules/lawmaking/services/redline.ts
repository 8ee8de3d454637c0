import { diffWords } from 'diff'

/**
 * The redline between two versions of a draft: every clause of either,
 * in the order of the newer one (removed clauses where they stood), marked
 * added, removed, changed or unchanged; a changed clause carries its
 * word-level changes (jsdiff), for the inline and the side-by-side views.
 */

export interface RedlineClause {
  key: string
  label: string
  depth: number
  text: string
}

export interface WordChange {
  value: string
  kind: 'same' | 'added' | 'removed'
}

export interface RedlineRow {
  key: string
  status: 'added' | 'removed' | 'changed' | 'unchanged'
  before: RedlineClause | null
  after: RedlineClause | null
  /** Word-level changes of a changed clause (the label too when it was renumbered). */
  words: WordChange[]
}

export interface Redline {
  rows: RedlineRow[]
  counts: { added: number; removed: number; changed: number; unchanged: number }
}

/** A clause as read: its label, then its text (a preamble has no label of its own). */
export function wording(clause: RedlineClause) {
  return clause.label === 'preamble' ? clause.text : `${clause.label} ${clause.text}`
}

/** Russian words are words (jsdiff's own tokenizer knows only Latin letters and splits Cyrillic into characters). */
const WORDS = new Intl.Segmenter('ru', { granularity: 'word' })

function wordsOf(before: RedlineClause, after: RedlineClause): WordChange[] {
  return diffWords(wording(before), wording(after), { intlSegmenter: WORDS }).map((part) => ({ value: part.value, kind: part.added ? 'added' : part.removed ? 'removed' : 'same' }))
}

export function redline(older: RedlineClause[], newer: RedlineClause[]): Redline {
  const newerKeys = new Set(newer.map((clause) => clause.key))
  const olderByKey = new Map(older.map((clause) => [clause.key, clause]))
  const rows: RedlineRow[] = []
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 }
  // removed clauses stand after the last older clause that survives before them
  const removedAfter = new Map<string | null, RedlineClause[]>()
  let lastKept: string | null = null
  for (const clause of older) {
    if (newerKeys.has(clause.key)) lastKept = clause.key
    else removedAfter.set(lastKept, [...(removedAfter.get(lastKept) ?? []), clause])
  }
  const pushRemoved = (after: string | null) => {
    for (const clause of removedAfter.get(after) ?? []) {
      rows.push({ key: clause.key, status: 'removed', before: clause, after: null, words: [] })
      counts.removed++
    }
  }
  pushRemoved(null)
  for (const clause of newer) {
    const before = olderByKey.get(clause.key) ?? null
    if (!before) {
      rows.push({ key: clause.key, status: 'added', before: null, after: clause, words: [] })
      counts.added++
    } else if (before.text === clause.text && before.label === clause.label) {
      rows.push({ key: clause.key, status: 'unchanged', before, after: clause, words: [] })
      counts.unchanged++
    } else {
      rows.push({ key: clause.key, status: 'changed', before, after: clause, words: wordsOf(before, clause) })
      counts.changed++
    }
    if (before) pushRemoved(clause.key)
  }
  return { rows, counts }
}
