import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LawmakingDraftFileFacts } from '#bus/message_types'
import PublicDraftFile from '#modules/lawmaking/models/public_draft_file'
import { copyDraftFileFrom } from '#modules/lawmaking/services/draft_files'

/**
 * The portal's list of a draft's files becomes the one a version carried:
 * a file it has not got yet is copied from the sender's Drive objects into
 * its own prefix (once; a file it has keeps its copy), a file the version
 * no longer lists leaves the list, and its copy leaves Drive once the change
 * is committed.
 */
export async function syncPublicDraftFiles(trx: TransactionClientContract, draftId: number, sender: string, files: LawmakingDraftFileFacts[]) {
  const kept = await PublicDraftFile.query({ client: trx }).where('draft_id', draftId).forUpdate()
  const byOrigin = new Map(kept.map((file) => [file.originKey, file]))
  const listed = new Set(files.map((file) => file.key))
  for (const [position, facts] of files.entries()) {
    const known = byOrigin.get(facts.key)
    if (known) {
      known.merge({ position, fileName: facts.name })
      await known.useTransaction(trx).save()
      continue
    }
    const storageKey = await copyDraftFileFrom(sender, facts.key)
    await PublicDraftFile.create({ draftId, originKey: facts.key, position, storageKey, fileName: facts.name, mimeType: facts.mimeType, size: facts.size }, { client: trx })
  }
  const gone = kept.filter((file) => !listed.has(file.originKey))
  if (!gone.length) return
  await PublicDraftFile.query({ client: trx }).whereIn('id', gone.map((file) => file.id)).delete()
  trx.after('commit', async () => {
    await Promise.all(gone.map((file) => drive.use().delete(file.storageKey).catch(() => {})))
  })
}

/** A draft's files as the portal lists them, in the body's order. */
export function publicDraftFiles(draftId: number) {
  return PublicDraftFile.query().where('draft_id', draftId).orderBy('position').orderBy('id')
}
