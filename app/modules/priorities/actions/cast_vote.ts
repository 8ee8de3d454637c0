import { DateTime } from 'luxon'
import type User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Priority from '#modules/priorities/models/priority'
import { tenantDb } from '#tenancy/tenant_model'
import { currentQuarter } from '#modules/priorities/services/quarters'
import { residenceIn } from '#modules/priorities/services/residence'
import { addressHash, ballotReceipt } from '#modules/priorities/services/receipts'
import { prioritySettings } from '#modules/priorities/services/settings'
import { refusal, untranslated, type Translate } from '#modules/priorities/services/refusal'

/**
 * What every vote and withdrawal checks first: the quarter the form was
 * for is the open one (a sealed or past quarter takes no vote, and a vote is
 * never moved silently to the next), the account is confirmed and has a
 * municipality of residence for the quarter.
 */
export async function voterOf(user: User, formQuarter: string | undefined, t: Translate) {
  const quarter = currentQuarter()
  if (formQuarter && formQuarter !== quarter) throw refusal('quarter', 'priorities.closed', t('priorities.errors.quarter_closed', { quarter: formQuarter }))
  if (await tenantDb().from('priority_snapshots').where('quarter', quarter).first()) {
    throw refusal('quarter', 'priorities.closed', t('priorities.errors.quarter_closed', { quarter }))
  }
  const profile = await CitizenProfile.find(user.id)
  if (profile && !profile.emailConfirmedAt) throw refusal('priorityId', 'priorities.unconfirmed', t('priorities.errors.unconfirmed'))
  const municipality = residenceIn(profile, quarter)
  if (!municipality) throw refusal('priorityId', 'priorities.residence', t('priorities.errors.no_residence'))
  return { quarter, municipality }
}

/**
 * A citizen votes for a priority in the open quarter: one vote per priority,
 * at most K active votes a quarter. The ballot records the priority, the
 * quarter and the voter's municipality frozen at this moment — no user id;
 * the voter list counts the citizen's active votes apart from it.
 */
export class CastVote {
  async handle(user: User, input: { priorityId: number; quarter?: string }, t: Translate = untranslated, address?: string) {
    const { quarter, municipality } = await voterOf(user, input.quarter, t)
    const priority = await Priority.find(input.priorityId)
    if (!priority || !priority.isOpenIn(quarter)) throw refusal('priorityId', 'priorities.not_open', t('priorities.errors.not_open'))
    if (priority.level === 'municipal' && priority.municipalityCode !== municipality) {
      throw refusal('priorityId', 'priorities.other_municipality', t('priorities.errors.other_municipality'))
    }
    const { votesPerQuarter } = await prioritySettings()
    const receipt = ballotReceipt(user.id, quarter, priority.id)
    await tenantDb().transaction(async (trx) => {
      await trx.rawQuery('insert into priority_voters (user_id, quarter) values (?, ?) on conflict do nothing', [user.id, quarter])
      // the voter's row serializes their concurrent votes
      const voter = await trx.from('priority_voters').where({ user_id: user.id, quarter }).forUpdate().firstOrFail()
      const existing = await trx.from('priority_ballots').where('receipt', receipt).whereNull('withdrawn_at').whereNull('moderated_out_at').first()
      if (existing) throw refusal('priorityId', 'priorities.twice', t('priorities.errors.already_voted'))
      if (Number(voter.active_votes) >= votesPerQuarter) {
        throw refusal('priorityId', 'priorities.allowance', t('priorities.errors.over_allowance', { allowance: votesPerQuarter }))
      }
      await trx.table('priority_ballots').insert({ receipt, quarter, priority_id: priority.id, municipality_code: municipality, cast_at: DateTime.now().toJSDate() })
      await trx.from('priority_voters').where({ user_id: user.id, quarter }).increment('active_votes', 1)
      if (address) {
        // for the moderators' burst report only: an HMAC of the address, per hour, joined to nothing
        await trx.rawQuery(
          `insert into priority_vote_addresses (quarter, address_hash, hour, votes) values (?, ?, date_trunc('hour', ?::timestamptz), 1)
           on conflict (quarter, address_hash, hour) do update set votes = priority_vote_addresses.votes + 1`,
          [quarter, addressHash(address), DateTime.now().toISO()]
        )
      }
    })
    return { quarter, municipality }
  }
}

/** A citizen takes a vote back while the quarter is open; the ballot stays, marked withdrawn, for the method notes. */
export class WithdrawVote {
  async handle(user: User, input: { priorityId: number; quarter?: string }, t: Translate = untranslated) {
    const { quarter } = await voterOf(user, input.quarter, t)
    const receipt = ballotReceipt(user.id, quarter, input.priorityId)
    await tenantDb().transaction(async (trx) => {
      await trx.from('priority_voters').where({ user_id: user.id, quarter }).forUpdate().first()
      const withdrawn = await trx
        .from('priority_ballots')
        .where('receipt', receipt)
        .whereNull('withdrawn_at')
        .whereNull('moderated_out_at')
        .update({ withdrawn_at: DateTime.now().toJSDate() })
      if (!Number(withdrawn)) throw refusal('priorityId', 'priorities.no_vote', t('priorities.errors.no_vote'))
      await trx.from('priority_voters').where({ user_id: user.id, quarter }).decrement('active_votes', 1)
    })
  }
}

/** The priorities the user holds an active vote for in a quarter (their receipts recomputed). */
export async function myVotes(user: User, quarter: string): Promise<Set<number>> {
  const priorities = await Priority.query().withScopes((scopes) => scopes.openIn(quarter)).select('id')
  if (!priorities.length) return new Set()
  const byReceipt = new Map(priorities.map((priority) => [ballotReceipt(user.id, quarter, priority.id), priority.id]))
  const rows = await tenantDb().from('priority_ballots').whereIn('receipt', [...byReceipt.keys()]).whereNull('withdrawn_at').whereNull('moderated_out_at').select('receipt')
  return new Set(rows.map((row) => byReceipt.get(row.receipt)!))
}
