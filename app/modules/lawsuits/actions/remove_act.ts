import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type LawsuitAct from '#modules/lawsuits/models/lawsuit_act'

/**
 * Removes a court act uploaded by mistake: the record (audited, with the
 * file's name) goes first, then the file. A file that cannot be deleted is
 * only an orphan in storage, while a record without its file would be a
 * broken link on the card.
 */
export class RemoveAct {
  async handle(act: LawsuitAct, actor: Actor) {
    await tenantDb().transaction(async (trx) => {
      await act.useTransaction(trx).delete()
      await recordAudit(
        actor,
        'lawsuit.act_removed',
        { type: 'lawsuit_case', id: act.caseId },
        { actId: act.id, kind: act.kind, fileName: act.fileName },
        trx
      )
    })
    await drive
      .use()
      .delete(act.storageKey)
      .catch((error) => logger.warn({ error: (error as Error).message, actId: act.id }, 'court act file left in storage'))
  }
}
