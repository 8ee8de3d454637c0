import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import vine from '@vinejs/vine'
import { errors } from '#core/errors'
import { regionTodayIso } from '#core/region_time'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { moduleMessages } from '#core/module_messages'
import { tenantUrl } from '#tenancy/tenant_urls'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import { redline } from '#modules/lawmaking/services/redline'
import { draftsPage, idPage, publicClauses, publicDrafts, remarkCounts, versionsOf } from '#modules/lawmaking/services/public_drafts'
import { publicRemarks } from '#modules/lawmaking/services/public_remarks'
import { publicDraftFiles } from '#modules/lawmaking/services/public_draft_files'
import { presentClause, presentDraft, presentInitiative, presentRemark } from '#modules/lawmaking/services/public_presenters'
import Initiative from '#modules/lawmaking/models/initiative'
import { supportThreshold } from '#modules/lawmaking/services/initiative_rules'
import { initiativeFiltersValidator } from '#modules/lawmaking/validators/initiative_validators'
import { tenantDb } from '#tenancy/tenant_model'
import { REGISTRY_CONTENT_TYPES, writeRegistry, type RegistryFormat } from '#modules/lawmaking/services/drafts_registry'
import { catalogueFiltersValidator } from '#modules/lawmaking/validators/portal_validators'

const PAGE_SIZE = 50

const redlineValidator = vine.create({
  from: vine.number().positive().withoutDecimals(),
  to: vine.number().positive().withoutDecimals(),
})

const remarksValidator = vine.create({
  clause: vine.string().uuid().optional(),
})

/** A page's links and size as the API's Meta: query strings to append to the list's path. */
function meta<T extends { id: number }>(page: KeysetPaginator<T>) {
  return { perPage: page.perPage, currentPage: page.currentPage, nextPageUrl: page.getNextPageUrl(), previousPageUrl: page.getPreviousPageUrl() }
}

async function draftOrFail(id: unknown) {
  const draft = await PublicDraft.find(Number(id))
  if (!draft) throw new errors.E_NOT_FOUND(`No published draft ${id}`)
  return draft
}

/**
 * The portal's law-making API (`/api/v1/lawmaking`): published drafts,
 * their versions with clauses, visible remarks with decisions, redlines —
 * public reads, no token — and the registry of drafts as an open dataset.
 * Posting a remark takes a citizen's token (the same rules as the form).
 */
export default class LawmakingApiController {
  async index({ request, i18n }: HttpContext) {
    const filters = await request.validateUsing(catalogueFiltersValidator, { data: request.qs(), messagesProvider: moduleMessages(i18n, 'lawmaking') })
    const today = regionTodayIso()
    const cursor = keysetCursor(request.qs())
    const rows = await draftsPage(publicDrafts(filters, today), cursor).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const page = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/').queryString(request.qs())
    return { data: page.all().map((draft) => presentDraft(draft, today)), meta: meta(page) }
  }

  async show({ params }: HttpContext) {
    const draft = await draftOrFail(params.id)
    const [versions, files] = await Promise.all([versionsOf(draft.id), publicDraftFiles(draft.id)])
    return {
      data: {
        ...presentDraft(draft, regionTodayIso()),
        explanatoryNote: draft.explanatoryNote,
        files: files.map((file) => ({ id: file.id, name: file.fileName, mimeType: file.mimeType, size: file.size, url: `/lawmaking/drafts/${draft.id}/files/${file.id}` })),
        versions: versions.map((version) => ({ number: version.number, changeSummary: version.changeSummary, publishedAt: new Date(version.publishedAt).toISOString() })),
      },
    }
  }

  async version({ params }: HttpContext) {
    const draft = await draftOrFail(params.id)
    const number = Number(params.number)
    const version = (await versionsOf(draft.id)).find((candidate) => candidate.number === number)
    if (!version) throw new errors.E_NOT_FOUND(`Draft ${draft.id} has no version ${number}`)
    const [clauses, counts] = await Promise.all([publicClauses(draft.id, number), remarkCounts(draft.id, number)])
    return {
      data: {
        number,
        changeSummary: version.changeSummary,
        publishedAt: new Date(version.publishedAt).toISOString(),
        clauses: clauses.map((clause) => presentClause(clause, counts.get(clause.key) ?? 0)),
      },
    }
  }

  async remarks({ params, request, i18n }: HttpContext) {
    const draft = await draftOrFail(params.id)
    const { clause } = await request.validateUsing(remarksValidator, { data: request.qs(), messagesProvider: moduleMessages(i18n, 'lawmaking') })
    const cursor = keysetCursor(request.qs())
    const query = publicRemarks(draft.id, clause).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const page = new KeysetPaginator(await idPage(query, 'lawmaking_remarks.id', cursor, false), PAGE_SIZE, cursor).baseUrl('/').queryString(request.qs())
    return { data: page.all().map(presentRemark), meta: meta(page) }
  }

  async redline({ params, request, i18n }: HttpContext) {
    const draft = await draftOrFail(params.id)
    const { from, to } = await request.validateUsing(redlineValidator, { data: request.qs(), messagesProvider: moduleMessages(i18n, 'lawmaking') })
    if (from > draft.currentVersion || to > draft.currentVersion) throw new errors.E_NOT_FOUND(`Draft ${draft.id} has ${draft.currentVersion} versions`)
    const [older, newer] = await Promise.all([publicClauses(draft.id, from), publicClauses(draft.id, to)])
    const result = redline(older, newer)
    const side = (clause: { key: string; label: string; depth: number; text: string } | null) =>
      clause ? { label: clause.label, depth: clause.depth, text: clause.text } : null
    return {
      data: {
        from,
        to,
        counts: result.counts,
        rows: result.rows.map((row) => ({ key: row.key, status: row.status, before: side(row.before), after: side(row.after), words: row.words })),
      },
    }
  }

  /** Published initiatives (in discussion, forwarded or answered), newest first, with the catalogue's filters. */
  async initiatives({ request, i18n }: HttpContext) {
    const { page: _page, ...filters } = await request.validateUsing(initiativeFiltersValidator, { data: request.qs(), messagesProvider: moduleMessages(i18n, 'lawmaking_initiatives') })
    const query = Initiative.query().withScopes((scopes) => scopes.published())
    if (filters.status) query.where('status', filters.status)
    if (filters.level) query.where('level', filters.level)
    if (filters.municipality) query.where('municipality_code', filters.municipality)
    if (filters.subject) query.where('subject_area', filters.subject)
    const cursor = keysetCursor(request.qs())
    const rows = await idPage(query, 'id', cursor, true).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const page = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/').queryString(request.qs())
    return { data: page.all().map((initiative) => presentInitiative(initiative, supportThreshold(initiative.level))), meta: meta(page) }
  }

  /** One published initiative with its public timeline (what happened when; the page tells it in words). */
  async initiative({ params }: HttpContext) {
    const initiative = await Initiative.query().withScopes((scopes) => scopes.published()).where('id', Number(params.id)).first()
    if (!initiative) throw new errors.E_NOT_FOUND(`No published initiative ${params.id}`)
    const events = await tenantDb().from('lawmaking_initiative_events').where('initiative_id', initiative.id).orderBy('id').select('kind', 'occurred_at')
    return {
      data: {
        ...presentInitiative(initiative, supportThreshold(initiative.level)),
        timeline: events.map((event: any) => ({ kind: event.kind, occurredAt: new Date(event.occurred_at).toISOString() })),
      },
    }
  }

  /** The registry of draft acts as an open dataset: /lawmaking/registry.json|csv|xml. */
  async registry({ request, response, tenant }: HttpContext) {
    const format = request.url().split('.').pop() as RegistryFormat
    const stream = new PassThrough()
    response.header('content-type', REGISTRY_CONTENT_TYPES[format])
    response.header('content-disposition', `inline; filename="lawmaking-drafts-registry.${format}"`)
    writeRegistry(format, stream, new URL(tenantUrl(tenant)).origin).catch((error) => stream.destroy(error))
    return response.stream(stream)
  }
}
