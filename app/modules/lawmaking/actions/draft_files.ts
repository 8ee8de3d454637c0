import drive from '@adonisjs/drive/services/main'
import { errors as vineErrors } from '@vinejs/vine'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import Draft from '#modules/lawmaking/models/draft'
import DraftFile from '#modules/lawmaking/models/draft_file'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'
import {
  DRAFT_FILE_EXTENSIONS,
  MAX_DRAFT_FILES,
  sanitizeFileName,
  sniffDraftFile,
  storeDraftFile,
  ZipBomb,
} from '#modules/lawmaking/services/draft_files'

export interface DraftUpload {
  tmpPath: string
  clientName: string
  size: number
}

/** 422 on the form's `file` field. */
function refuseFile(message: string, rule: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field: 'file', rule, message }])
}

/** Files change with the text: not while the discussion is open (409 with the period's last day). */
function assertFilesOpen(draft: Draft, t: Translate) {
  if (draft.stage === 'discussion') {
    throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.discussion_open', { endsOn: draft.consultationEndsOn?.toFormat('dd.LL.yyyy') }))
  }
}

async function assertRoom(client: QueryClientContract, draftId: number, t: Translate) {
  const row = await client.from('lawmaking_draft_files').where('draft_id', draftId).count('* as total').first()
  if (Number(row?.total ?? 0) >= MAX_DRAFT_FILES) throw refuseFile(t('lawmaking_office.files.errors.too_many', { max: MAX_DRAFT_FILES }), 'file.lawmaking_too_many')
}

/**
 * The developer attaches a file to a draft (the signed explanatory note, the
 * financial-economic justification, an annex): judged by its content, kept
 * under a sanitised version of its name, at most MAX_DRAFT_FILES a draft,
 * never while the draft is under discussion. It reaches the portal with the
 * next published version.
 */
export class AttachDraftFile {
  async handle(draftId: number, upload: DraftUpload, user: User, actor: Actor, t: Translate = untranslated) {
    const draft = await Draft.findOrFail(draftId)
    assertFilesOpen(draft, t)
    await assertRoom(tenantDb(), draft.id, t)
    const file = upload.clientName
    if (upload.size === 0) throw refuseFile(t('lawmaking_office.files.errors.empty', { file }), 'file.empty')
    let type
    try {
      type = await sniffDraftFile(upload.tmpPath, upload.clientName)
    } catch (error) {
      if (error instanceof ZipBomb) throw refuseFile(t('lawmaking_office.files.errors.bomb', { file }), 'file.lawmaking_bomb')
      throw error
    }
    if (!type) {
      const types = DRAFT_FILE_EXTENSIONS.map((extname) => extname.toUpperCase()).join(', ')
      throw refuseFile(t('lawmaking_office.files.errors.type', { file, types }), 'file.lawmaking_type')
    }

    const key = await storeDraftFile(upload.tmpPath, type)
    let stored: DraftFile
    try {
      stored = await tenantDb().transaction(async (trx) => {
        const locked = await Draft.query({ client: trx }).where('id', draft.id).forUpdate().firstOrFail()
        assertFilesOpen(locked, t)
        await assertRoom(trx, draft.id, t)
        return DraftFile.create(
          { draftId: draft.id, storageKey: key, fileName: sanitizeFileName(upload.clientName, type.extname), mimeType: type.mimeType, size: upload.size, uploadedBy: user.id, publishedIn: null },
          { client: trx }
        )
      })
    } catch (error) {
      await drive.use().delete(key).catch(() => {})
      throw error
    }
    await recordAudit(actor, 'lawmaking.draft_file_added', { type: 'lawmaking_draft', id: draft.id }, { file: stored.fileName })
    return stored
  }
}

/**
 * The developer removes a file of a draft, not while it is under
 * discussion. A file no version published leaves Drive too; a published one
 * stays there (the portal may still be copying it) and leaves the portal's
 * list with the next version.
 */
export class RemoveDraftFile {
  async handle(draftId: number, fileId: number, actor: Actor, t: Translate = untranslated) {
    const removed = await tenantDb().transaction(async (trx) => {
      const draft = await Draft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
      const file = await DraftFile.query({ client: trx }).where('id', fileId).where('draft_id', draft.id).firstOrFail()
      assertFilesOpen(draft, t)
      await file.useTransaction(trx).delete()
      return file
    })
    if (removed.publishedIn === null) await drive.use().delete(removed.storageKey).catch(() => {})
    await recordAudit(actor, 'lawmaking.draft_file_removed', { type: 'lawmaking_draft', id: draftId }, { file: removed.fileName })
    return removed
  }
}

/** The draft's files as a version publishes them (in the order they were attached); marks those published for the first time. */
export async function publishDraftFiles(trx: QueryClientContract, draftId: number, versionNumber: number) {
  const files = await DraftFile.query({ client: trx }).where('draft_id', draftId).orderBy('id')
  await trx.from('lawmaking_draft_files').where('draft_id', draftId).whereNull('published_in').update({ published_in: versionNumber })
  return files.map((file) => ({ key: file.storageKey, name: file.fileName, mimeType: file.mimeType, size: file.size }))
}
