import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { regionToday, regionTodayIso } from '#core/region_time'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import Municipality from '#modules/identity/models/municipality'
import drive from '@adonisjs/drive/services/main'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import PublicDraftFile from '#modules/lawmaking/models/public_draft_file'
import { publicDraftFiles } from '#modules/lawmaking/services/public_draft_files'
import { draftFileKind, sendStoredFile } from '#modules/lawmaking/services/draft_files'
import { redline, wording } from '#modules/lawmaking/services/redline'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'
import { atomFeed } from '#modules/lawmaking/services/public_feed'
import {
  clauseTree,
  draftsPage,
  publicClauses,
  publicDrafts,
  remarkCounts,
  timelinePage,
  versionsOf,
} from '#modules/lawmaking/services/public_drafts'
import { catalogueFiltersValidator, versionsValidator } from '#modules/lawmaking/validators/portal_validators'
import { summaryVersions } from '#modules/lawmaking/services/published_summaries'

const PAGE_SIZE = 20
const TIMELINE_SIZE = 20
const FEED_SIZE = 30

/**
 * The public side of law-making: the catalogue of published drafts, a
 * draft's page (facts, the clause tree of a version with its remarks
 * counted, versions, files, the timeline), a file's download, the redline
 * between two versions and the Atom feed of new drafts. Anyone reads; only what the bus brought.
 */
export default class DraftsController {
  async index({ request, view }: HttpContext) {
    const [, parsed] = await catalogueFiltersValidator.tryValidate(request.qs())
    const filters = parsed ?? {}
    const today = regionTodayIso()
    const cursor = keysetCursor(request.qs())
    const rows = await draftsPage(publicDrafts(filters, today), cursor).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const drafts = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/lawmaking').queryString(request.qs())
    return view.render('pages/lawmaking/portal/index', {
      drafts,
      filters,
      today,
      subjects: SUBJECT_AREAS,
      municipalities: await Municipality.query().orderBy('name_ru'),
      municipalityNames: await municipalityNames(rows.map((draft) => draft.municipalityCode)),
    })
  }

  async show({ request, params, view }: HttpContext) {
    const draft = await PublicDraft.findOrFail(params.id)
    const [, parsed] = await versionsValidator.tryValidate(request.qs())
    const number = parsed?.version ?? draft.currentVersion
    if (number > draft.currentVersion) throw new errors.E_NOT_FOUND(`Draft ${draft.id} has no version ${number}`)
    const cursor = keysetCursor(request.qs())
    // independent reads, at once: a busy draft's page is mostly waiting for them
    const [clauses, timeline, versions, counts, summaries, files, municipalities] = await Promise.all([
      publicClauses(draft.id, number),
      timelinePage(draft.id, cursor, KeysetPaginator.limitFor(TIMELINE_SIZE)),
      versionsOf(draft.id),
      remarkCounts(draft.id, number),
      summaryVersions(draft),
      publicDraftFiles(draft.id),
      municipalityNames([draft.municipalityCode]),
    ])
    const events = new KeysetPaginator(timeline, TIMELINE_SIZE, cursor).baseUrl(`/lawmaking/drafts/${draft.id}`).queryString(request.qs())
    const today = regionToday()
    return view.render('pages/lawmaking/portal/show', {
      draft,
      version: number,
      versions,
      tree: clauseTree(clauses, counts),
      labels: Object.fromEntries(clauses.map((clause) => [clause.key, clause.label])),
      events,
      summaries,
      files,
      draftFileKind,
      open: draft.isOpenForRemarks(today.toISODate()!),
      daysLeft: draft.consultationEndsOn ? Math.round(draft.consultationEndsOn.diff(today, 'days').days) + 1 : null,
      municipalityNames: municipalities,
    })
  }

  async redline({ request, params, view }: HttpContext) {
    const draft = await PublicDraft.findOrFail(params.id)
    const [, parsed] = await versionsValidator.tryValidate(request.qs())
    const to = parsed?.to ?? draft.currentVersion
    const from = parsed?.from ?? to - 1
    if (from < 1 || to > draft.currentVersion || from >= to) throw new errors.E_NOT_FOUND(`Draft ${draft.id} has no versions ${from} and ${to} to compare`)
    const versions = await versionsOf(draft.id)
    const changes = redline(await publicClauses(draft.id, from), await publicClauses(draft.id, to))
    return view.render('pages/lawmaking/portal/redline', {
      draft,
      from,
      to,
      view: parsed?.view ?? 'inline',
      versions,
      summary: versions.find((version) => version.number === to)?.changeSummary ?? null,
      redline: { counts: changes.counts, rows: changes.rows.map((row) => ({ ...row, beforeText: row.before && wording(row.before), afterText: row.after && wording(row.after) })) },
    })
  }

  /** A file the body published with the draft, from the portal's own copy, as a download. */
  async file({ params, response }: HttpContext) {
    const draft = await PublicDraft.findOrFail(params.id)
    const file = await PublicDraftFile.query().where('draft_id', draft.id).where('id', Number(params.fileId)).firstOrFail()
    return sendStoredFile(response, file, await drive.use().getStream(file.storageKey), 'public, max-age=3600')
  }

  /** Newly published drafts as an Atom feed, in the reader's language. */
  async feed({ request, response, i18n }: HttpContext) {
    const drafts = await PublicDraft.query().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(FEED_SIZE)
    const base = `${request.protocol()}://${request.host()}`
    response.header('content-type', 'application/atom+xml; charset=utf-8')
    return atomFeed(drafts, base, i18n)
  }
}

/** The portal's names of municipalities by code (drafts name theirs by the catalog's code). */
async function municipalityNames(codes: (string | null)[]) {
  const wanted = [...new Set(codes.filter((code): code is string => !!code))]
  const rows = wanted.length ? await Municipality.query().whereIn('code', wanted) : []
  return new Map(rows.map((municipality) => [municipality.code, municipality]))
}
