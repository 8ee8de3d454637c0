import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { errors } from '#core/errors'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import { SUMMARY_CONTENT_TYPES, summaryFileName, type SummaryFormat } from '#modules/lawmaking/exports/summary_of_proposals'
import {
  defaultSummaryVersion,
  isCurrent,
  requestSummary,
  summaryFiles,
  summaryStamp,
  summaryVersions,
} from '#modules/lawmaking/services/published_summaries'
import { summaryQueryValidator } from '#modules/lawmaking/validators/portal_validators'
import { wantsJson } from '#core/wants_json'

/** How often the "being prepared" page reloads itself (seconds). */
const REFRESH_SECONDS = 3

/**
 * The published summary of proposals of a draft's version
 * (`/lawmaking/drafts/:id/summary.xlsx|pdf?version=N&lang=ru|en`): the
 * stored file when it is written and covers the remarks the version has
 * now; otherwise its generation is queued (unless it is under way) and the
 * reader gets 202 with a page that shows the progress and reloads itself,
 * or `{status, progress}` as JSON. Anyone reads; only the portal's copy.
 */
export default class SummariesController {
  async show({ request, response, params, view, i18n }: HttpContext) {
    const format = String(params.file).split('.')[1] as SummaryFormat
    const draft = await PublicDraft.find(params.id)
    if (!draft) throw new errors.E_NOT_FOUND(`No draft ${params.id}`)
    const [invalid, query] = await summaryQueryValidator.tryValidate(request.qs())
    if (invalid) throw new errors.E_NOT_FOUND('No such version or language')
    const versionNumber = query.version ?? defaultSummaryVersion(await summaryVersions(draft), draft.currentVersion)
    if (versionNumber > draft.currentVersion) throw new errors.E_NOT_FOUND(`Draft ${draft.id} has no version ${versionNumber}`)
    const locale = query.lang ?? i18n.locale
    const json = wantsJson(request)
    const url = `/lawmaking/drafts/${draft.id}/summary.${format}?version=${versionNumber}&lang=${locale}`

    const stamp = await summaryStamp(draft.id, versionNumber)
    let file = (await summaryFiles(draft.id, versionNumber, locale)).get(format)
    if (isCurrent(file, stamp)) {
      if (json) return { status: 'done', progress: 100, url }
      response.header('content-type', SUMMARY_CONTENT_TYPES[format])
      response.header('content-length', String(file.size))
      response.header('cache-control', 'no-cache')
      response.attachment(summaryFileName({ draft, version: { number: versionNumber } }, format, locale))
      return response.stream(await drive.use().getStream(file.storage_key))
    }
    file = (await requestSummary(draft.id, versionNumber, locale, stamp)).files.get(format)!
    const state = { status: file.status, progress: file.status === 'running' ? file.progress : 0 }
    response.status(202)
    response.header('cache-control', 'no-store')
    if (json) return state
    return view.render('pages/lawmaking/portal/summary_pending', { draft, version: versionNumber, format, language: locale, url, refresh: REFRESH_SECONDS, ...state })
  }
}
