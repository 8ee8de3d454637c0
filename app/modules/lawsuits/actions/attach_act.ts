import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantScope } from '#tenancy/tenant_scope'
import { recordAudit, type Actor } from '#core/audit'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import LawsuitAct from '#modules/lawsuits/models/lawsuit_act'
import type { ActKind } from '#modules/lawsuits/catalog'

/**
 * Stores a court act's file in Drive (type and size were checked by the
 * validator) and records it; the file is removed again if the record fails.
 */
export class AttachAct {
  async handle(lawsuit: LawsuitCase, input: { kind: ActKind; issuedOn?: Date; file: MultipartFile }, actor: Actor) {
    const disk = drive.use()
    const key = `tenants/${tenantScope.currentOrFail().slug}/lawsuits/${lawsuit.id}/${randomUUID()}.${input.file.extname ?? 'bin'}`
    await input.file.moveToDisk(key, disk)
    try {
      const act = await LawsuitAct.create({
        caseId: lawsuit.id,
        kind: input.kind,
        issuedOn: input.issuedOn ? DateTime.fromJSDate(input.issuedOn) : null,
        fileName: input.file.clientName.slice(0, 255),
        storageKey: key,
        mimeType: `${input.file.type ?? 'application'}/${input.file.subtype ?? 'octet-stream'}`,
        size: input.file.size,
        uploadedBy: actor.id,
      })
      await recordAudit(actor, 'lawsuit.act_attached', { type: 'lawsuit_case', id: lawsuit.id }, { actId: act.id, kind: act.kind })
      return act
    } catch (error) {
      await disk.delete(key).catch(() => {})
      throw error
    }
  }
}
