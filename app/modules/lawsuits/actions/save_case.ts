import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import LawsuitParty from '#modules/lawsuits/models/lawsuit_party'
import { lawsuitsChanged } from '#modules/lawsuits/services/dashboard_cache'
import type { Category, Instance, Outcome, PartyRole } from '#modules/lawsuits/catalog'

export interface CaseInput {
  number: string
  court: string
  instance: Instance
  judge?: string
  category: Category
  ourRole: PartyRole
  subject?: string
  claimedAmount: number
  awardedAmount?: number
  collectedAmount?: number
  outcome?: Outcome
  decidedOn?: Date
  lawyerId?: number
  departmentId: number
  parentId?: number | null
  parties?: { role: PartyRole; name?: string }[]
}

/** The case's columns from validated input (absent optional fields clear the column). */
function columnsOf(input: CaseInput) {
  return {
    number: input.number,
    court: input.court,
    instance: input.instance,
    judge: input.judge ?? null,
    category: input.category,
    ourRole: input.ourRole,
    subject: input.subject ?? null,
    claimedAmount: input.claimedAmount,
    awardedAmount: input.awardedAmount ?? null,
    collectedAmount: input.collectedAmount ?? null,
    outcome: input.outcome ?? null,
    decidedOn: input.decidedOn ? DateTime.fromJSDate(input.decidedOn) : null,
    lawyerId: input.lawyerId ?? null,
    departmentId: input.departmentId,
  }
}

/** Is there another case with this court and number (they identify a case)? */
export async function caseNumberTaken(court: string, number: string, exceptId?: number, client?: TransactionClientContract) {
  const query = (client ?? tenantDb())
    .from('lawsuit_cases')
    .whereRaw('lower(court) = lower(?) and lower(number) = lower(?)', [court, number])
  if (exceptId) query.whereNot('id', exceptId)
  return !!(await query.first())
}

/**
 * Creates a case or updates one, with its parties, in the caller's
 * transaction. Writes the audit entry: cases are legal records.
 */
export class SaveCase {
  async handle(trx: TransactionClientContract, input: CaseInput, actor: Actor, existing?: LawsuitCase, options: { audit?: boolean } = {}) {
    const lawsuit = existing ?? new LawsuitCase()
    const before = existing ? { outcome: existing.outcome, awardedAmount: existing.awardedAmount, claimedAmount: existing.claimedAmount } : null
    lawsuit.merge(columnsOf(input))
    if (!existing) {
      lawsuit.parentId = input.parentId ?? null
      lawsuit.createdBy = actor.id
    }
    await lawsuit.useTransaction(trx).save()

    if (input.parties) {
      await LawsuitParty.query({ client: trx }).where('case_id', lawsuit.id).delete()
      const parties = input.parties.filter((party) => party.name)
      if (parties.length) {
        await LawsuitParty.createMany(
          parties.map((party) => ({ caseId: lawsuit.id, role: party.role, name: party.name! })),
          { client: trx }
        )
      }
    }
    trx.after('commit', lawsuitsChanged)
    const action = existing ? 'lawsuit.updated' : 'lawsuit.created'
    if (options.audit !== false) await recordAudit(actor, action, { type: 'lawsuit_case', id: lawsuit.id }, { number: lawsuit.number, before, outcome: lawsuit.outcome }, trx)
    return lawsuit
  }
}

/**
 * A case's next hearing: the earliest hearing without a result. Kept on the
 * case so lists, the dashboard and the rollup read it without a join.
 */
export async function refreshNextHearing(trx: TransactionClientContract, caseId: number) {
  await trx.rawQuery(
    `update lawsuit_cases set next_hearing_on =
       (select min(scheduled_on) from lawsuit_events where case_id = ? and kind = 'hearing' and result is null)
     where id = ?`,
    [caseId, caseId]
  )
}
