import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { REGION_ZONE } from '#core/region_time'
import { recordAudit, type Actor } from '#core/audit'
import { notifyUsers } from '#modules/notifications/services/notify'
import type { SanctionKind } from '#modules/social/moderation/services/sanctions'

export class SanctionInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: string
  ) {
    super(code)
  }
}

/**
 * A moderator warns, suspends (until a day) or blocks (until a day or
 * indefinitely) a user of this portal. The sanction ends at the end of its
 * `until` day in the region. The user is told why and until when; audited.
 */
export async function imposeSanction(input: { userId: number; kind: SanctionKind; until: Date | null; reason: string }, actor: Actor & { id: number }) {
  if (input.userId === actor.id) throw new SanctionInputError('userId', 'self')
  let until: Date | null = null
  if (input.kind !== 'warn' && input.until) {
    const day = DateTime.fromObject({ year: input.until.getFullYear(), month: input.until.getMonth() + 1, day: input.until.getDate() }, { zone: REGION_ZONE })
    until = day.endOf('day').toJSDate()
    if (day.startOf('day') <= DateTime.now().setZone(REGION_ZONE).startOf('day')) throw new SanctionInputError('until', 'until_past')
  }
  return tenantDb().transaction(async (trx) => {
    const user = await trx.from('users').where('id', input.userId).select('id').first()
    if (!user) throw new SanctionInputError('userId', 'no_user')
    const now = clockDate()
    const [row] = await trx
      .insertQuery()
      .table('social_sanctions')
      .insert({ user_id: input.userId, kind: input.kind, reason: input.reason, starts_at: now, until, created_by: actor.id, created_at: now })
      .returning('id')
    const id = Number(row.id ?? row)
    await notifyUsers(trx, [input.userId], 'social_moderation.sanctioned', '/moderation/mine', {
      kind: input.kind,
      until: until ? DateTime.fromJSDate(until, { zone: REGION_ZONE }).toFormat('dd.MM.yyyy') : '—',
      reason: input.reason,
    })
    await recordAudit(actor, 'social_moderation.sanction_imposed', { type: 'social_sanction', id }, { userId: input.userId, kind: input.kind, until, reason: input.reason }, trx)
    return id
  })
}

/** A moderator lifts a sanction early (the user is told; audited). */
export async function liftSanction(sanctionId: number, reason: string, actor: Actor & { id: number }) {
  return tenantDb().transaction(async (trx) => {
    const sanction = await trx.from('social_sanctions').where('id', sanctionId).forUpdate().first()
    if (!sanction) throw new errors.E_NOT_FOUND(`No sanction ${sanctionId}`)
    const now = clockDate()
    if (sanction.lifted_at || sanction.kind === 'warn' || (sanction.until && sanction.until <= now)) throw new SanctionInputError('reason', 'lifted')
    await trx.from('social_sanctions').where('id', sanctionId).update({ lifted_at: now, lifted_by: actor.id, lift_reason: reason })
    await notifyUsers(trx, [sanction.user_id], 'social_moderation.sanction_lifted', '/moderation/mine', { kind: sanction.kind, reason })
    await recordAudit(actor, 'social_moderation.sanction_lifted', { type: 'social_sanction', id: sanctionId }, { userId: sanction.user_id, reason }, trx)
  })
}
