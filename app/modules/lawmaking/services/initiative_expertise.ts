import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type Initiative from '#modules/lawmaking/models/initiative'
import type { InitiativeStatus } from '#modules/lawmaking/models/initiative'

/**
 * Expertise of citizens' initiatives in the portal: when experts are
 * invited and conclude, when their conclusions are public, and how they
 * reach the body the initiative was forwarded to.
 */

/** Experts are invited and conclude while the initiative is discussed or waits for the authority's answer. */
export const INITIATIVE_EXPERTISE_STATUSES: InitiativeStatus[] = ['discussion', 'forwarded']

/**
 * An initiative's conclusions are public once its support is over
 * (forwarded or answered), as a draft's are once its discussion has closed:
 * experts' verdicts do not steer the support.
 */
export function initiativeConclusionsPublic(initiative: Pick<Initiative, 'status'>) {
  return initiative.status === 'forwarded' || initiative.status === 'answered'
}

/**
 * Sends a conclusion on an initiative to the body it was forwarded to (in
 * the portal's transaction); the body copies the file from the portal's
 * prefix. The expert is named as the public registry names them.
 */
export async function sendInitiativeConclusion(trx: TransactionClientContract, initiative: Initiative, conclusionId: number) {
  const row = await trx
    .from('lawmaking_conclusions as c')
    .join('lawmaking_public_invitations as i', 'i.id', 'c.invitation_id')
    .join('lawmaking_expert_profiles as p', 'p.id', 'i.expert_id')
    .where('c.id', conclusionId)
    .where('c.initiative_id', initiative.id)
    .select('c.*', 'i.key as invitation_key', 'p.public_name', 'p.organisation')
    .firstOrFail()
  await bus.send(trx, {
    to: initiative.targetTenant!,
    type: 'lawmaking.initiative_conclusion_filed',
    payload: {
      initiativeId: initiative.id,
      conclusionId: row.id,
      key: row.invitation_key,
      verdict: row.verdict,
      summary: row.summary,
      file: { key: row.file_key, mimeType: row.file_mime, name: row.file_name, size: row.file_size },
      expertName: row.public_name,
      expertOrganisation: row.organisation,
      filedAt: new Date(row.filed_at).toISOString(),
    },
  })
}

/** On forwarding: every conclusion filed so far goes to the body, in the order filed. */
export async function sendInitiativeConclusions(trx: TransactionClientContract, initiative: Initiative) {
  const filed = await trx.from('lawmaking_conclusions').where('initiative_id', initiative.id).orderBy('id').select('id')
  for (const row of filed as { id: number }[]) await sendInitiativeConclusion(trx, initiative, row.id)
}
