import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { slugFromCode } from '#tenancy/naming'
import KnownBody from '#modules/identity/models/known_body'
import { tenantDb } from '#tenancy/tenant_model'
import Priority from '#modules/priorities/models/priority'
import { hasEnded, isQuarter, previousQuarter } from '#modules/priorities/services/quarters'
import { ballotFileFacts } from '#modules/priorities/services/ballot_file'
import { municipalityPopulations, prioritySettings } from '#modules/priorities/services/settings'
import { computeRanks, METHOD_VERSION, REGION_SCOPE, sameRanks, TIE_RULE, type MethodDescription, type RankRow } from '#modules/priorities/services/method'

export interface SnapshotRow {
  id: number
  quarter: string
  version: number
  method_version: string
  method: MethodDescription
  ballot_file_sha256: string
  ballots_counted: number
  ballots_withdrawn: number
  ballots_moderated_out: number
  reason: string | null
  sealed_at: Date
}

/** The latest version of a quarter's snapshot, if sealed. */
export async function latestSnapshot(quarter: string): Promise<SnapshotRow | null> {
  return (await tenantDb().from('priority_snapshots').where('quarter', quarter).orderBy('version', 'desc').first()) ?? null
}

export async function snapshotRanks(snapshotId: number, scope?: string): Promise<(RankRow & { previousRank: number | null })[]> {
  const query = tenantDb().from('priority_snapshot_ranks').where('snapshot_id', snapshotId)
  if (scope) query.where('scope', scope)
  const rows = await query.orderByRaw('scope collate "C", rank')
  return rows.map((row) => ({ scope: row.scope, priorityId: row.priority_id, votes: row.votes, score: row.score, rank: row.rank, previousRank: row.previous_rank }))
}

/**
 * Over the bus, in the sealing transaction: each municipality the portal's
 * directory knows (a body of kind municipality whose slug is the
 * municipality's code) gets its residents' rank; each block named as the
 * responsible body of a priority gets those priorities' ranks (a regional
 * priority's regional rank, a municipal one's rank in its municipality), so
 * its head may act on them as a municipality does.
 */
async function sendToBodies(trx: TransactionClientContract, snapshot: SnapshotRow, ranks: RankRow[]) {
  const known = await KnownBody.query({ client: trx }).select('slug', 'kind')
  if (!known.length) return
  const municipalities = new Set(known.filter((body) => body.kind === 'municipality').map((body) => body.slug))
  const blocks = new Set(known.filter((body) => body.kind === 'block').map((body) => body.slug))
  const titles = new Map((await Priority.query({ client: trx }).whereIn('id', [...new Set(ranks.map((row) => row.priorityId))])).map((priority) => [priority.id, priority]))
  const previous = await trx.from('priority_snapshot_ranks').where('snapshot_id', snapshot.id).select('scope', 'priority_id', 'previous_rank')
  const previousRank = new Map(previous.map((row) => [`${row.scope}|${row.priority_id}`, row.previous_rank as number | null]))
  const message = (to: string, rows: RankRow[]) => ({
    to,
    type: 'priorities.results_sealed' as const,
    payload: {
      quarter: snapshot.quarter,
      version: snapshot.version,
      ballotFileSha256: snapshot.ballot_file_sha256,
      reason: snapshot.reason,
      ranks: rows.map((row) => ({
        priorityId: row.priorityId,
        title: titles.get(row.priorityId)?.title ?? '',
        level: titles.get(row.priorityId)?.level ?? 'regional',
        rank: row.rank,
        previousRank: previousRank.get(`${row.scope}|${row.priorityId}`) ?? null,
        votes: row.votes,
      })),
    },
  })
  const toMunicipalities = snapshot.method.municipalities
    .filter((code) => municipalities.has(slugFromCode(code)))
    .map((code) => message(slugFromCode(code), ranks.filter((row) => row.scope === code)))
  // a priority's own row: regional priorities in the region's scope, municipal ones in their municipality's
  const ownRow = (row: RankRow) => {
    const priority = titles.get(row.priorityId)
    return !!priority && row.scope === (priority.level === 'regional' ? REGION_SCOPE : priority.municipalityCode)
  }
  const toBlocks = [...blocks]
    .map((slug) => message(slug, ranks.filter((row) => ownRow(row) && titles.get(row.priorityId)?.responsibleBody === slug)))
    .filter((sent) => sent.payload.ranks.length > 0)
  await bus.sendMany(trx, [...toMunicipalities, ...toBlocks])
}

/** The method as it stands for a quarter: settings, weights, and the priorities open in it. */
async function methodFor(quarter: string): Promise<MethodDescription> {
  const settings = await prioritySettings()
  const { codes, populations } = await municipalityPopulations()
  const priorities = await Priority.query().withScopes((scopes) => scopes.openIn(quarter)).orderBy('id')
  return {
    version: METHOD_VERSION,
    votesPerQuarter: settings.votesPerQuarter,
    weighting: settings.weighting,
    tieRule: TIE_RULE,
    municipalities: codes,
    populations,
    priorities: priorities.map((priority) => ({ id: priority.id, level: priority.level, municipalityCode: priority.municipalityCode })),
  }
}

export interface SealResult {
  snapshot: SnapshotRow
  /** A new snapshot (or version) was written. */
  created: boolean
  /** For an existing snapshot: whether recomputing it now gives the same ranks and hash. */
  identical: boolean
}

/**
 * Seals a quarter that has ended: counts the ballots, ranks by the method,
 * hashes the canonical ballot file and stores it all with Δrank against the
 * previous quarter. Idempotent: a sealed quarter is recomputed and compared,
 * never rewritten. With a reason (an admin correction after moderation), a
 * new version is sealed beside the old one, with the method it was computed
 * by frozen in the first version.
 */
export class SealQuarter {
  async handle(quarter: string, options: { reason?: string } = {}): Promise<SealResult> {
    if (!isQuarter(quarter)) throw new Error(`Not a quarter: "${quarter}" (expected e.g. 2026-Q4)`)
    if (!hasEnded(quarter)) throw new Error(`${quarter} has not ended yet: its ranks are sealed after it closes`)
    const db = tenantDb()
    // one sealing at a time per portal
    return db.transaction(async (trx) => {
      await trx.rawQuery(`select pg_advisory_xact_lock(hashtext('priorities.seal'))`)
      const existing: SnapshotRow | null = (await trx.from('priority_snapshots').where('quarter', quarter).orderBy('version', 'desc').first()) ?? null
      const method = existing ? existing.method : await methodFor(quarter)
      const { sha256, counts } = await ballotFileFacts(quarter)
      const ranks = computeRanks(method, counts)
      if (existing && !options.reason) {
        const stored = await snapshotRanks(existing.id)
        return { snapshot: existing, created: false, identical: existing.ballot_file_sha256 === sha256 && sameRanks(stored, ranks) }
      }
      const notes = await trx
        .from('priority_ballots')
        .where('quarter', quarter)
        .select(trx.raw('count(*) filter (where withdrawn_at is null and moderated_out_at is null) as counted'))
        .select(trx.raw('count(*) filter (where withdrawn_at is not null) as withdrawn'))
        .select(trx.raw('count(*) filter (where moderated_out_at is not null and withdrawn_at is null) as moderated'))
        .first()
      const previous = await latestSnapshot(previousQuarter(quarter))
      const previousRanks = new Map((previous ? await snapshotRanks(previous.id) : []).map((row) => [`${row.scope}|${row.priorityId}`, row.rank]))
      const [snapshot] = await trx
        .table('priority_snapshots')
        .insert({
          quarter,
          version: (existing?.version ?? 0) + 1,
          method_version: method.version,
          method: JSON.stringify(method),
          ballot_file_sha256: sha256,
          ballots_counted: Number(notes.counted),
          ballots_withdrawn: Number(notes.withdrawn),
          ballots_moderated_out: Number(notes.moderated),
          reason: options.reason ?? null,
          sealed_at: DateTime.now().toJSDate(),
        })
        .returning('*')
      for (let start = 0; start < ranks.length; start += 1000) {
        await trx.table('priority_snapshot_ranks').insert(
          ranks.slice(start, start + 1000).map((row) => ({
            snapshot_id: snapshot.id,
            scope: row.scope,
            priority_id: row.priorityId,
            votes: row.votes,
            score: row.score,
            rank: row.rank,
            previous_rank: previousRanks.get(`${row.scope}|${row.priorityId}`) ?? null,
          }))
        )
      }
      await sendToBodies(trx, snapshot, ranks)
      return { snapshot, created: true, identical: true }
    })
  }
}
