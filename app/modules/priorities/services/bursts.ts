import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'

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
    .select(tenantDb().raw(`date_trunc('minute', cast_at at time zone ?) as minute`, [REGION_ZONE]))
    .count('* as ballots')
    .groupByRaw('1')
    .havingRaw('count(*) >= ?', [MINUTE_BURST_BALLOTS])
    .orderBy('ballots', 'desc')
    .limit(100)
  return {
    addresses: addresses.map((row) => ({ address: String(row.address_hash).slice(0, 12), hour: row.hour as Date, votes: Number(row.votes) })),
    minutes: minutes.map((row) => ({ minute: row.minute as Date, ballots: Number(row.ballots) })),
  }
}
