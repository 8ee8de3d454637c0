import { tenantDb } from '#tenancy/tenant_model'
import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { refusal, untranslated, type Translate } from '#modules/priorities/services/refusal'

/** At most this many ballots of a burst minute are listed by id for single exclusion. */
export const BALLOTS_LISTED_PER_MINUTE = 200

/** An address with at least this many votes in one hour is reported. */
export const ADDRESS_BURST_VOTES = 20
/** A minute with at least this many ballots across the region is reported. */
export const MINUTE_BURST_BALLOTS = 100

/**
 * The moderators' report of suspicious bursts in a quarter: addresses (as
 * hashes) that voted many times in an hour, and minutes in which very many
 * ballots were cast. Neither names a person or a ballot's choice.
 */
export async function burstReport(quarter: string) {
  const addresses = await tenantDb()
    .from('priority_vote_addresses')
    .where('quarter', quarter)
    .where('votes', '>=', ADDRESS_BURST_VOTES)
    .orderBy('votes', 'desc')
    .limit(100)
  const minutes = await tenantDb()
    .from('priority_ballots')
    .where('quarter', quarter)
    .select(tenantDb().raw(`to_char(date_trunc('minute', cast_at at time zone ?), 'YYYY-MM-DD"T"HH24:MI') as minute`, [REGION_ZONE]))
    .count('* as ballots')
    .groupByRaw('1')
    .havingRaw('count(*) >= ?', [MINUTE_BURST_BALLOTS])
    .orderBy('ballots', 'desc')
    .limit(100)
  // the ballots of the burst minutes by id (priority, municipality, second — no receipt), for excluding one at a time
  const ballotsByMinute = new Map<string, { id: number; priorityId: number; municipalityCode: string; second: string; excluded: boolean }[]>()
  for (const row of minutes) {
    const from = DateTime.fromISO(String(row.minute), { zone: REGION_ZONE })
    const ballots = await tenantDb()
      .from('priority_ballots')
      .where('quarter', quarter)
      .where('cast_at', '>=', from.toJSDate())
      .where('cast_at', '<', from.plus({ minutes: 1 }).toJSDate())
      .whereNull('withdrawn_at')
      .orderBy('id')
      .limit(BALLOTS_LISTED_PER_MINUTE)
      .select('id', 'priority_id', 'municipality_code', 'cast_at', 'moderated_out_at')
    ballotsByMinute.set(
      String(row.minute),
      ballots.map((ballot) => ({
        id: Number(ballot.id),
        priorityId: Number(ballot.priority_id),
        municipalityCode: String(ballot.municipality_code),
        second: DateTime.fromJSDate(ballot.cast_at as Date).setZone(REGION_ZONE).toFormat('HH:mm:ss'),
        excluded: !!ballot.moderated_out_at,
      }))
    )
  }
  return {
    addresses: addresses.map((row) => ({ address: String(row.address_hash).slice(0, 12), hour: row.hour as Date, votes: Number(row.votes) })),
    // the minute as the region's wall-clock time: ISO for the exclusion form, ДД.ММ.ГГГГ ЧЧ:ММ to read
    minutes: minutes.map((row) => ({
      minuteIso: String(row.minute),
      minuteText: DateTime.fromISO(String(row.minute)).toFormat('dd.LL.yyyy HH:mm'),
      ballots: Number(row.ballots),
      list: ballotsByMinute.get(String(row.minute)) ?? [],
    })),
  }
}

/**
 * A moderator excludes the ballots cast in one minute (a burst the report
 * showed): they stay, marked moderated out, and are counted in the notes of
 * the next seal (or of a correction, when the quarter is sealed already).
 * Returns how many ballots were excluded.
 */
export async function excludeMinute(quarter: string, minute: DateTime) {
  const from = minute.setZone(REGION_ZONE).startOf('minute')
  return Number(
    await tenantDb()
      .from('priority_ballots')
      .where('quarter', quarter)
      .where('cast_at', '>=', from.toJSDate())
      .where('cast_at', '<', from.plus({ minutes: 1 }).toJSDate())
      .whereNull('withdrawn_at')
      .whereNull('moderated_out_at')
      .update({ moderated_out_at: DateTime.now().toJSDate() })
  )
}

/**
 * A moderator excludes one ballot: it stays, marked moderated out, counted in
 * the notes of the quarter's seal and never in the ranks. Refused (422 on
 * `ballotId`) for an unknown ballot, one withdrawn or excluded already, and
 * once the quarter is sealed.
 */
export async function excludeBallot(ballotId: number, isSealed: (quarter: string) => Promise<boolean>, t: Translate = untranslated) {
  const ballot = await tenantDb().from('priority_ballots').where('id', ballotId).first()
  if (!ballot) throw refusal('ballotId', 'exists', t('priorities.errors.unknown_ballot'))
  if (await isSealed(ballot.quarter)) throw refusal('ballotId', 'sealed', t('priorities.errors.ballot_quarter_sealed', { quarter: ballot.quarter }))
  if (ballot.withdrawn_at || ballot.moderated_out_at) throw refusal('ballotId', 'counted', t('priorities.errors.ballot_not_counted'))
  const updated = await tenantDb()
    .from('priority_ballots')
    .where('id', ballotId)
    .whereNull('withdrawn_at')
    .whereNull('moderated_out_at')
    .update({ moderated_out_at: DateTime.now().toJSDate() })
  if (Number(updated) !== 1) throw refusal('ballotId', 'counted', t('priorities.errors.ballot_not_counted'))
  return { id: ballotId, quarter: String(ballot.quarter) }
}
