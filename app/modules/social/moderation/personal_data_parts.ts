import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PersonalDataPart } from '#modules/social/profiles/personal_data'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * The moderation area's part of a user's data: the flags they raised, their
 * appeals and the sanctions on them (without the moderators' identities).
 * On deletion their comments on flags and their appeals' texts go; the flags
 * themselves stay while a case waits (they count towards its decision), the
 * dealt-with ones go; sanctions stay as the moderators' record.
 */
const moderation: PersonalDataPart = {
  name: 'moderation',

  async export(userId: number) {
    const db = tenantDb()
    const flags = await db
      .from('social_moderation_flags as f')
      .join('social_moderation_cases as c', 'c.id', 'f.case_id')
      .where('f.user_id', userId)
      .orderBy('f.id')
      .select('c.kind', 'c.item_id as itemId', 'f.reason', 'f.note', 'f.created_at as createdAt')
    const appeals = await db
      .from('social_moderation_appeals')
      .where('user_id', userId)
      .orderBy('id')
      .select('text', 'created_at as createdAt', 'outcome', 'outcome_reason as outcomeReason', 'decided_at as decidedAt')
    const sanctions = await db
      .from('social_sanctions')
      .where('user_id', userId)
      .orderBy('id')
      .select('kind', 'reason', 'starts_at as startsAt', 'until', 'lifted_at as liftedAt', 'lift_reason as liftReason')
    return { flags, appeals, sanctions }
  },

  async forget(userId: number, trx: TransactionClientContract) {
    await trx.from('social_moderation_flags').where('user_id', userId).whereNotNull('cleared_at').delete()
    await trx.from('social_moderation_flags').where('user_id', userId).update({ note: null })
    await trx.from('social_moderation_appeals').where('user_id', userId).update({ text: '—' })
  },
}

const parts: PersonalDataPart[] = [moderation]

export default parts
