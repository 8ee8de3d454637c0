import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import DraftVersion from '#modules/lawmaking/models/draft_version'
import { findVisibleDraft } from '#modules/lawmaking/builders/visible_drafts'
import { clausesOfVersion } from '#modules/lawmaking/services/versions'
import { redline } from '#modules/lawmaking/services/redline'

/** The redline between two published versions of a draft, inline or side by side. */
export default class RedlinesController {
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    await bouncer.with(DraftPolicy).authorize('use')
    const draft = await findVisibleDraft(auth.getUserOrFail(), params.id)
    const from = Number(request.input('from', draft.currentVersion - 1))
    const to = Number(request.input('to', draft.currentVersion))
    const published = (number: number) => Number.isInteger(number) && number >= 1 && number <= draft.currentVersion
    if (!published(from) || !published(to) || from === to) throw new errors.E_NOT_FOUND(`No versions ${from} and ${to} of draft ${draft.id} to compare`)
    const client = tenantDb()
    const versions = await DraftVersion.query().where('draft_id', draft.id).orderBy('number')
    return view.render('pages/lawmaking/office/redline', {
      draft,
      versions,
      from: versions.find((version) => version.number === from)!,
      to: versions.find((version) => version.number === to)!,
      diff: redline(await clausesOfVersion(client, draft.id, from), await clausesOfVersion(client, draft.id, to)),
      layout: request.input('view') === 'side' ? 'side' : 'inline',
    })
  }
}
