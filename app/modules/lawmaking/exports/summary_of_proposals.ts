import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { formatDate, formatDateTime } from '#core/dates'
import { clockDate } from '#core/clock'
import { addTableRow, createPdfDocument, dateCell, drawPdfTitle, PdfTable, safeSheetName, type Cell } from '#core/table_export'
import type { DraftKind } from '#modules/lawmaking/models/draft'
import { REMARK_DECISIONS, type RemarkDecision } from '#modules/lawmaking/models/received_remark'

/*
| The summary of proposals (сводка предложений) of one version of a draft,
| made in the portal from its own tables: every remark made on that
| version's discussion (replies are discussion, not proposals) and, once
| the experts' conclusions are public, every expert's remark, grouped by
| clause in the clause order of the version, with its author's public name,
| the decision and its reason; a remark hidden by moderation is listed with
| its decision but without its words. XLSX and PDF are written into a
| stream while the remarks are read in keyset batches, so memory does not
| grow with the number of remarks.
*/

/** Remarks read per query. */
const BATCH = 1000
/** Characters of a clause's text shown beside its label. */
const EXCERPT = 160

export type SummaryFormat = 'xlsx' | 'pdf'

export interface SummaryCounts {
  total: number
  accepted: number
  partly_accepted: number
  rejected: number
  out_of_scope: number
  undecided: number
  hidden: number
}

/** What the header of a summary says: the draft, the version, its discussion and the counts. */
export interface SummaryOfProposals {
  draft: {
    id: number
    title: string
    kind: DraftKind
    developerNameRu: string
    developerNameEn: string
    bodyNameRu: string
    bodyNameEn: string
  }
  version: { id: number; number: number; publishedAt: Date }
  /** The consultation period of this version (ISO days), or null when it was not discussed. */
  period: { startsOn: string; endsOn: string } | null
  counts: SummaryCounts
  /** Remarks per clause key (a clause without remarks is not in the summary). */
  perClause: Map<string, number>
  /** Whether the experts' remarks are listed (their conclusions are public once the discussion closed). */
  withExperts: boolean
}

/** One remark as the summary lists it. */
export interface SummaryRemark {
  id: number
  position: number
  clauseKey: string
  clauseLabel: string
  clauseText: string
  authorName: string
  /** A citizen's remark or an expert's (from a conclusion). */
  source: 'citizen' | 'expert'
  createdAt: Date
  fragment: string | null
  text: string
  proposedWording: string | null
  reason: string | null
  decision: RemarkDecision | null
  decisionReason: string | null
  decidedAt: Date | null
  hiddenAt: Date | null
  hiddenReason: string | null
}

/**
 * The header of the summary of a published version of a portal draft
 * (`versionNumber` null: the current one), or null when there is no such
 * draft or version here. Runs in the portal's tenant scope.
 */
export async function summaryOfProposals(draftId: number, versionNumber: number | null = null): Promise<SummaryOfProposals | null> {
  const db = tenantDb()
  const draft = await db.from('lawmaking_public_drafts').where('id', draftId).first()
  if (!draft) return null
  const number = versionNumber ?? draft.current_version
  const version = await db.from('lawmaking_public_versions').where('draft_id', draftId).where('number', number).first()
  if (!version) return null

  // the period this version was discussed in: the timeline keeps each; the draft only the latest
  const opened = await db
    .from('lawmaking_events')
    .where('draft_id', draftId)
    .where('kind', 'discussion_opened')
    .whereRaw(`(data->>'version')::int = ?`, [number])
    .orderBy('id', 'desc')
    .first()
  let period: SummaryOfProposals['period'] = null
  if (opened?.data?.startsOn) period = { startsOn: opened.data.startsOn, endsOn: opened.data.endsOn }
  else if (number === draft.current_version && draft.consultation_starts_on) period = { startsOn: isoDay(draft.consultation_starts_on), endsOn: isoDay(draft.consultation_ends_on) }

  const counts: SummaryCounts = { total: 0, accepted: 0, partly_accepted: 0, rejected: 0, out_of_scope: 0, undecided: 0, hidden: 0 }
  const perClause = new Map<string, number>()
  const withExperts = conclusionsArePublic(draft, number)
  const rows = await proposalsOf(draftId, number, withExperts)
    .groupBy('r.clause_key', 'r.decision')
    .select('r.clause_key', 'r.decision')
    .count('* as total')
    .select(db.raw('count(r.hidden_at) as hidden'))
  for (const row of rows) {
    const total = Number(row.total)
    counts.total += total
    counts.hidden += Number(row.hidden)
    counts[(row.decision as RemarkDecision | null) ?? 'undecided'] += total
    perClause.set(row.clause_key, (perClause.get(row.clause_key) ?? 0) + total)
  }
  return {
    draft: {
      id: draft.id,
      title: draft.title,
      kind: draft.kind,
      developerNameRu: draft.developer_name_ru,
      developerNameEn: draft.developer_name_en,
      bodyNameRu: draft.body_name_ru,
      bodyNameEn: draft.body_name_en,
    },
    version: { id: version.id, number, publishedAt: version.published_at },
    period,
    counts,
    perClause,
    withExperts,
  }
}

/**
 * Whether the experts' conclusions on a version are public: always for an
 * earlier version, for the current one once its discussion closed (the
 * public discussion is not steered by experts' verdicts).
 */
export function conclusionsArePublic(draft: { stage: string; current_version: number }, versionNumber: number) {
  return versionNumber !== draft.current_version || draft.stage !== 'discussion'
}

/** A day read from a `date` column (pg gives local midnight) as ISO. */
function isoDay(value: Date | string) {
  if (typeof value === 'string') return value.slice(0, 10)
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}

/**
 * The proposals of a version as one relation `r` with the same columns for
 * both kinds: the citizens' top-level remarks made on it (hidden ones too)
 * and, with `withExperts`, the remarks of the experts' conclusions on it.
 * Both kinds take their ids from one sequence, so `r.id` orders and pages
 * them together; conditions on `r` reach each branch's index.
 */
function proposalsOf(draftId: number, versionNumber: number, withExperts: boolean) {
  const db = tenantDb()
  const citizens = db
    .from('lawmaking_remarks as cr')
    .join('users as u', 'u.id', 'cr.author_id')
    .leftJoin('problem_citizens as pc', 'pc.user_id', 'cr.author_id')
    .where('cr.draft_id', draftId)
    .where('cr.version_number', versionNumber)
    .whereNull('cr.parent_id')
    .select('cr.id', 'cr.clause_key', 'cr.created_at', 'cr.fragment', 'cr.text', 'cr.proposed_wording', 'cr.reason')
    .select('cr.decision', 'cr.decision_reason', 'cr.decided_at', 'cr.hidden_at', 'cr.hidden_reason')
    .select(db.raw(`coalesce(pc.display_name, u.full_name) as author_name, 'citizen' as source`))
  if (!withExperts) return db.from(citizens.as('r'))
  const experts = db
    .from('lawmaking_conclusion_remarks as er')
    .join('lawmaking_conclusions as c', 'c.id', 'er.conclusion_id')
    .join('lawmaking_public_invitations as i', 'i.id', 'c.invitation_id')
    .join('lawmaking_expert_profiles as ep', 'ep.id', 'i.expert_id')
    .where('c.draft_id', draftId)
    .where('c.version_number', versionNumber)
    .select('er.id', 'er.clause_key', db.raw('c.filed_at as created_at'), db.raw('null::text as fragment'), 'er.text', 'er.proposed_wording', db.raw('null::text as reason'))
    .select('er.decision', 'er.decision_reason', 'er.decided_at', db.raw('null::timestamptz as hidden_at, null::text as hidden_reason'))
    .select(db.raw(`ep.public_name || ' (' || ep.organisation || ')' as author_name, 'expert' as source`))
  return db.from(citizens.unionAll(experts, true).as('r'))
}

interface ClauseHead {
  key: string
  position: number
  label: string
  text: string
}

/**
 * The remarks of the summary in clause order, then in the order they were
 * made, about `batch` at a time. The version's clauses are walked in order
 * (a few hundred, at most MAX_CLAUSES) and each query reads the remarks of
 * a run of consecutive clauses that together hold about a batch (the
 * per-clause counts are known), through the index on (draft, clause, id);
 * a clause with more than a batch is read by keyset on the remark's id.
 * One query over all remarks ordered by the clause's position would sort
 * every remark of the version for every batch.
 */
export async function* summaryRemarks(summary: SummaryOfProposals, batch = BATCH): AsyncIterable<SummaryRemark[]> {
  const db = tenantDb()
  const clauses: ClauseHead[] = (
    await db
      .from('lawmaking_public_clauses')
      .where('version_id', summary.version.id)
      .orderBy('position')
      .select('clause_key', 'position', 'label', db.raw(`left(text, ${EXCERPT + 40}) as text`))
  )
    .filter((row: any) => summary.perClause.has(row.clause_key))
    .map((row: any) => ({ key: row.clause_key, position: row.position, label: row.label, text: row.text }))
  const read = (keys: string[], afterId: number, limit: number | null) => {
    const query = proposalsOf(summary.draft.id, summary.version.number, summary.withExperts)
      .whereIn('r.clause_key', keys)
      .where('r.id', '>', afterId)
      .select('r.*')
      .orderBy('r.id')
    return limit ? query.limit(limit) : query
  }
  let index = 0
  while (index < clauses.length) {
    let count = summary.perClause.get(clauses[index].key)!
    let end = index + 1
    while (end < clauses.length && count + summary.perClause.get(clauses[end].key)! <= batch) count += summary.perClause.get(clauses[end++].key)!
    const run = new Map(clauses.slice(index, end).map((clause) => [clause.key, clause]))
    index = end
    if (count <= batch) {
      const rows = await read([...run.keys()], 0, null)
      rows.sort((a: any, b: any) => run.get(a.clause_key)!.position - run.get(b.clause_key)!.position || a.id - b.id)
      if (rows.length) yield rows.map((row: any) => summaryRemark(row, run.get(row.clause_key)!))
      continue
    }
    const [clause] = run.values()
    for (let afterId = 0; ; ) {
      const rows = await read([clause.key], afterId, batch)
      if (!rows.length) break
      afterId = rows[rows.length - 1].id
      yield rows.map((row: any) => summaryRemark(row, clause))
      if (rows.length < batch) break
    }
  }
}

function summaryRemark(row: any, clause: ClauseHead): SummaryRemark {
  return {
    id: row.id,
    position: clause.position,
    clauseKey: clause.key,
    clauseLabel: clause.label,
    clauseText: clause.text,
    authorName: row.author_name,
    source: row.source,
    createdAt: row.created_at,
    fragment: row.fragment,
    text: row.text,
    proposedWording: row.proposed_wording,
    reason: row.reason,
    decision: row.decision,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at,
    hiddenAt: row.hidden_at,
    hiddenReason: row.hidden_reason,
  }
}

/** The beginning of a clause's text, cut at a word. */
export function excerpt(text: string, length = EXCERPT) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.—-]+$/, '')}…`
}

const localName = (ru: string, en: string, i18n: I18n) => (i18n.locale === 'en' ? en : ru)

function clauseLabel(label: string, i18n: I18n) {
  return label === 'preamble' ? i18n.t('lawmaking_summary.preamble') : label
}

/** Who made a remark as the summary names them: an expert is marked as one. */
function authorOf(remark: Pick<SummaryRemark, 'authorName' | 'source'>, i18n: I18n) {
  return remark.source === 'expert' ? i18n.t('lawmaking_summary.expert_author', { name: remark.authorName }) : remark.authorName
}

function decisionText(remark: Pick<SummaryRemark, 'decision'>, i18n: I18n) {
  return i18n.t(`lawmaking_summary.decisions.${remark.decision ?? 'none'}`)
}

/**
 * The cells of a remark both formats show, in order: fragment, text,
 * proposed wording, reason, decision, the decision's reason. A hidden
 * remark keeps its decision but not its words: the moderation mark stands
 * in place of its text.
 */
function proposalCells(remark: SummaryRemark, i18n: I18n): Cell[] {
  const decision = [decisionText(remark, i18n), remark.decisionReason]
  if (!remark.hiddenAt) return [remark.fragment, remark.text, remark.proposedWording, remark.reason, ...decision]
  const text = remark.hiddenReason ? i18n.t('lawmaking_summary.hidden_with_reason', { reason: remark.hiddenReason }) : i18n.t('lawmaking_summary.hidden')
  return [null, text, null, null, ...decision]
}

/** The header lines of a summary as label → value, the same in both formats. */
function facts(summary: SummaryOfProposals, i18n: I18n): [string, string][] {
  const { draft, version, period } = summary
  return [
    [i18n.t('lawmaking_summary.facts.draft'), draft.title],
    [i18n.t('lawmaking_summary.facts.kind'), i18n.t(`lawmaking_summary.kinds.${draft.kind}`)],
    [i18n.t('lawmaking_summary.facts.developer'), localName(draft.developerNameRu, draft.developerNameEn, i18n)],
    [i18n.t('lawmaking_summary.facts.body'), localName(draft.bodyNameRu, draft.bodyNameEn, i18n)],
    [i18n.t('lawmaking_summary.facts.version'), i18n.t('lawmaking_summary.facts.version_value', { number: version.number, publishedOn: formatDate(version.publishedAt) })],
    [
      i18n.t('lawmaking_summary.facts.period'),
      period ? i18n.t('lawmaking_summary.facts.period_value', { startsOn: formatDate(period.startsOn), endsOn: formatDate(period.endsOn) }) : i18n.t('lawmaking_summary.facts.no_period'),
    ],
    [i18n.t('lawmaking_summary.facts.generated'), formatDateTime(clockDate())],
  ]
}

const COUNT_KEYS = ['total', ...REMARK_DECISIONS, 'undecided', 'hidden'] as const

/** Told after each batch of remarks is written, with how many are written so far (a job's progress). */
export type SummaryProgress = (written: number) => unknown

/** Waits while the reader of the output is behind (an HTTP client on a slow line). */
async function drained(output: Writable) {
  if (output.writableNeedDrain) await once(output, 'drain')
}

const XLSX_COLUMNS = [
  ['number', 7],
  ['clause', 14],
  ['clause_text', 40],
  ['author', 24],
  ['date', 17],
  ['fragment', 28],
  ['text', 60],
  ['proposed_wording', 50],
  ['reason', 40],
  ['decision', 22],
  ['decision_reason', 50],
  ['decided_at', 17],
] as const

/**
 * Streams the summary as a workbook of one sheet: the header (draft, kind,
 * developer, body, version, period, counts by decision), then a table with
 * one row per remark, clause columns repeated so it can be filtered;
 * dates are date cells. Rows are committed as they are written.
 */
export async function writeSummaryXlsx(summary: SummaryOfProposals, output: Writable, i18n: I18n, onBatch?: SummaryProgress) {
  const headerRows = facts(summary, i18n).length + COUNT_KEYS.length + 3
  const tableHeader = headerRows + 1
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  workbook.title = i18n.t('lawmaking_summary.title')
  const sheet = workbook.addWorksheet(safeSheetName(i18n.t('lawmaking_summary.sheet')), {
    views: [{ state: 'frozen', ySplit: tableHeader, xSplit: 0 }],
  })
  // every cell wraps at the column's width and stands at the top of its row (set once, per column)
  sheet.columns = XLSX_COLUMNS.map(([, width]) => ({ width, style: { alignment: { vertical: 'top', wrapText: true } } }))
  const title = sheet.addRow([i18n.t('lawmaking_summary.title')])
  title.font = { bold: true, size: 14 }
  title.commit()
  for (const [label, value] of facts(summary, i18n)) {
    const row = sheet.addRow([label, null, value])
    row.getCell(1).font = { bold: true }
    row.commit()
  }
  sheet.addRow([]).commit()
  for (const key of COUNT_KEYS) {
    const row = sheet.addRow([i18n.t(`lawmaking_summary.counts.${key}`), null, summary.counts[key]])
    row.getCell(1).font = { bold: true }
    row.commit()
  }
  sheet.addRow([]).commit()
  const header = sheet.addRow(XLSX_COLUMNS.map(([key]) => i18n.t(`lawmaking_summary.columns.${key}`)))
  header.font = { bold: true }
  header.commit()
  sheet.autoFilter = { from: { row: tableHeader, column: 1 }, to: { row: tableHeader, column: XLSX_COLUMNS.length } }

  let number = 0
  for await (const batch of summaryRemarks(summary)) {
    for (const remark of batch) {
      const cells: Cell[] = [
        ++number,
        clauseLabel(remark.clauseLabel, i18n),
        excerpt(remark.clauseText),
        authorOf(remark, i18n),
        dateCell(remark.createdAt, true),
        ...proposalCells(remark, i18n),
        dateCell(remark.decidedAt),
      ]
      addTableRow(sheet, cells).commit()
    }
    await drained(output)
    await onBatch?.(number)
  }
  sheet.commit()
  await workbook.commit()
}

/** PDF columns: widths in points of a landscape A4 page between 36-point margins (770 in all). */
const PDF_COLUMNS = [
  ['number', 34],
  ['author_date', 92],
  ['fragment', 78],
  ['text', 150],
  ['proposed_wording', 130],
  ['reason', 98],
  ['decision', 66],
  ['decision_reason', 122],
] as const

/**
 * Streams the summary as a PDF (landscape A4, DejaVu): the header, then
 * each clause that has remarks — its label and the beginning of its text —
 * with a table of its remarks. Pages are written out as they fill.
 */
export async function writeSummaryPdf(summary: SummaryOfProposals, output: Writable, i18n: I18n, onBatch?: SummaryProgress) {
  const title = i18n.t('lawmaking_summary.title')
  const document = createPdfDocument(`${title}: ${summary.draft.title}`)
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
    document.on('error', reject)
  })
  document.pipe(output)
  const left = document.page.margins.left
  const width = document.page.width - left - document.page.margins.right
  const bottom = () => document.page.height - document.page.margins.bottom

  drawPdfTitle(document, title, i18n.t('lawmaking_summary.subtitle', { title: summary.draft.title, version: summary.version.number }))
  document.moveDown(0.5)
  for (const [label, value] of facts(summary, i18n)) {
    document.font('bold').fontSize(9).text(`${label}: `, left, document.y, { continued: true, width })
    document.font('regular').text(value)
  }
  document.moveDown(0.3)
  document.font('regular').fontSize(9).text(i18n.t('lawmaking_summary.counts.line', { ...summary.counts }), left, document.y, { width })

  if (!summary.counts.total) {
    document.moveDown(1)
    document.font('regular').fontSize(10).text(i18n.t('lawmaking_summary.nothing'), left)
  }
  const table = new PdfTable(document, PDF_COLUMNS.map(([, columnWidth]) => columnWidth))
  const headers = PDF_COLUMNS.map(([key]) => i18n.t(`lawmaking_summary.columns.${key}`))
  let clause: string | null = null
  let number = 0
  for await (const batch of summaryRemarks(summary)) {
    for (const remark of batch) {
      if (remark.clauseKey !== clause) {
        clause = remark.clauseKey
        // a clause's heading never stays alone at the foot of a page
        if (document.y + 70 > bottom()) document.addPage()
        document.moveDown(0.8)
        document.font('bold').fontSize(10).text(`${clauseLabel(remark.clauseLabel, i18n)}  `, left, document.y, { continued: true, width })
        document.font('regular').fontSize(9).text(excerpt(remark.clauseText))
        document.font('regular').fontSize(8).fillColor('#555555').text(i18n.t('lawmaking_summary.clause_remarks', { count: summary.perClause.get(clause) ?? 0 }), left)
        document.fillColor('black')
        document.moveDown(0.2)
        table.drawRow(headers, 'bold')
      }
      table.drawRow([++number, `${authorOf(remark, i18n)}\n${formatDateTime(remark.createdAt)}`, ...proposalCells(remark, i18n)])
    }
    await drained(output)
    await onBatch?.(number)
  }
  document.end()
  await finished
}

/**
 * The file name of a summary: ASCII, for Content-Disposition
 * (`summary-of-proposals-12-v2.pdf`; in a language other than the
 * default one it says which: `summary-of-proposals-12-v2-en.pdf`).
 */
export function summaryFileName(summary: { draft: { id: number }; version: { number: number } }, format: SummaryFormat, locale?: string) {
  const language = locale && locale !== i18nManager.defaultLocale ? `-${locale}` : ''
  return `summary-of-proposals-${summary.draft.id}-v${summary.version.number}${language}.${format}`
}

export const SUMMARY_CONTENT_TYPES: Record<SummaryFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

/**
 * The summary of proposals of a portal draft's version in one call, for the
 * portal's controller and for jobs: null when the draft or version is not
 * here (answer 404), otherwise what to send and a `write(output)` that
 * streams the file in the language asked for (the app's default otherwise).
 *
 *   const summary = await exportSummaryOfProposals(params.id, version, format, i18n.locale)
 *   if (!summary) throw new errors.E_NOT_FOUND()
 *   const stream = new PassThrough()
 *   response.header('content-type', summary.contentType)
 *   response.attachment(summary.fileName) // or header('content-disposition', …)
 *   summary.write(stream).catch((error) => stream.destroy(error))
 *   return response.stream(stream)
 */
export async function exportSummaryOfProposals(draftId: number, versionNumber: number | null, format: SummaryFormat, locale?: string) {
  const summary = await summaryOfProposals(draftId, versionNumber)
  if (!summary) return null
  const i18n = i18nManager.locale(locale ?? i18nManager.defaultLocale)
  return {
    summary,
    fileName: summaryFileName(summary, format, i18n.locale),
    contentType: SUMMARY_CONTENT_TYPES[format],
    write: (output: Writable, onBatch?: SummaryProgress) => (format === 'xlsx' ? writeSummaryXlsx(summary, output, i18n, onBatch) : writeSummaryPdf(summary, output, i18n, onBatch)),
  }
}
