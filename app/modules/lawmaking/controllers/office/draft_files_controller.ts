import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { actorFromContext } from '#core/audit'
import DraftFile from '#modules/lawmaking/models/draft_file'
import { AttachDraftFile, RemoveDraftFile } from '#modules/lawmaking/actions/draft_files'
import { draftToManage } from '#modules/lawmaking/controllers/office/draft_access'
import { draftFileValidator, officeMessages } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/refusals'
import { sendStoredFile } from '#modules/lawmaking/services/draft_files'
import { wantsJson } from '#core/wants_json'

/**
 * The files of a draft on the developer's page: attach one (422 on `file`
 * for a file that is not a document of an allowed kind by its content, too
 * large, or a zip bomb), remove one (409 while the draft is under
 * discussion), download one. Another department's draft is a 404.
 */
export default class DraftFilesController {
  async store(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const { file } = await request.validateUsing(draftFileValidator, { messagesProvider: officeMessages(i18n) })
    const page = `/lawmaking/office/drafts/${draft.id}`
    let stored: DraftFile
    try {
      stored = await new AttachDraftFile().handle(draft.id, { tmpPath: file.tmpPath!, clientName: file.clientName, size: file.size }, auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    if (wantsJson(request)) {
      return response.created({ data: { id: stored.id, name: stored.fileName, mimeType: stored.mimeType, size: stored.size } })
    }
    session.flash('notice', i18n.t('lawmaking_office.files.flash.added', { name: stored.fileName }))
    return response.redirect(`${page}#files`)
  }

  async destroy(ctx: HttpContext) {
    const { params, response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const page = `/lawmaking/office/drafts/${draft.id}`
    let removed: DraftFile
    try {
      removed = await new RemoveDraftFile().handle(draft.id, Number(params.fileId), actorFromContext(ctx), translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    if (wantsJson(ctx.request)) return response.noContent()
    session.flash('notice', i18n.t('lawmaking_office.files.flash.removed', { name: removed.fileName }))
    return response.redirect(`${page}#files`)
  }

  async show(ctx: HttpContext) {
    const draft = await draftToManage(ctx)
    const file = await DraftFile.query().where('draft_id', draft.id).where('id', Number(ctx.params.fileId)).firstOrFail()
    return sendStoredFile(ctx.response, file, await drive.use().getStream(file.storageKey), 'private, no-store')
  }
}
