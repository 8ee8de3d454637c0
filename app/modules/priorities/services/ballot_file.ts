import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { REGION_ZONE } from '#core/region_time'
import type { BallotCount } from '#modules/priorities/services/method'

/**
 * The canonical ballot file of a quarter: UTF-8 CSV, LF line ends, the
 * header below, one line per counted ballot (not withdrawn, not moderated
 * out) sorted by priority id, municipality code and day. Nothing in it
 * names a person; the day is the vote's day in the region. Its SHA-256 is
 * sealed in the snapshot.
 */
export const BALLOT_FILE_HEADER = 'priority_id,municipality_code,quarter,vote_day'

/** The counted ballots of a quarter (SQL over priority_ballots). */
export function countedBallots(quarter: string) {
  return tenantDb().from('priority_ballots').where('quarter', quarter).whereNull('withdrawn_at').whereNull('moderated_out_at')
}

/**
 * The file in chunks (one per priority), read a priority at a time so that
 * memory stays flat however many ballots a quarter holds.
 */
export async function* ballotFileChunks(quarter: string, counted?: Map<string, number>): AsyncGenerator<string> {
  yield `${BALLOT_FILE_HEADER}\n`
  const priorities = await countedBallots(quarter).distinct('priority_id').orderBy('priority_id')
  for (const { priority_id: priorityId } of priorities) {
    const groups = await countedBallots(quarter)
      .where('priority_id', priorityId)
      .select('municipality_code')
      .select(tenantDb().raw(`to_char(cast_at at time zone ?, 'YYYY-MM-DD') as day`, [REGION_ZONE]))
      .count('* as ballots')
      .groupByRaw('1, 2')
      .orderByRaw('municipality_code collate "C", day')
    let chunk = ''
    for (const group of groups) {
      const line = `${priorityId},${group.municipality_code},${quarter},${group.day}\n`
      chunk += line.repeat(Number(group.ballots))
      if (counted) {
        const key = `${priorityId},${group.municipality_code}`
        counted.set(key, (counted.get(key) ?? 0) + Number(group.ballots))
      }
      if (chunk.length > 1 << 20) {
        yield chunk
        chunk = ''
      }
    }
    if (chunk) yield chunk
  }
}

/** SHA-256 (hex) of the quarter's ballot file, computed as it is generated. */
export async function ballotFileHash(quarter: string) {
  return (await ballotFileFacts(quarter)).sha256
}

/**
 * The ballot file's SHA-256 and the counts per priority and municipality
 * read off the same pass (one scan of the quarter's ballots, not two).
 */
export async function ballotFileFacts(quarter: string): Promise<{ sha256: string; counts: BallotCount[] }> {
  const hash = createHash('sha256')
  const counted = new Map<string, number>()
  for await (const chunk of ballotFileChunks(quarter, counted)) hash.update(chunk)
  return {
    sha256: hash.digest('hex'),
    counts: [...counted].map(([key, votes]) => {
      const [priorityId, municipalityCode] = key.split(',')
      return { priorityId: Number(priorityId), municipalityCode, votes }
    }),
  }
}

/** Counted ballots per priority and voter's municipality, straight from the table. */
export async function ballotCounts(quarter: string): Promise<BallotCount[]> {
  const rows = await countedBallots(quarter).select('priority_id', 'municipality_code').count('* as votes').groupBy('priority_id', 'municipality_code')
  return rows.map((row) => ({ priorityId: Number(row.priority_id), municipalityCode: row.municipality_code, votes: Number(row.votes) }))
}

/** A ballot file read back: its hash and counts, and the first line that does not belong. */
export interface ReadBallotFile {
  sha256: string
  counts: BallotCount[]
  ballots: number
  error: string | null
}

/** Reads a published ballot file (as downloaded) for `priorities:verify`. */
export async function readBallotFile(path: string, quarter: string): Promise<ReadBallotFile> {
  const hash = createHash('sha256')
  const stream = createReadStream(path)
  stream.on('data', (chunk) => hash.update(chunk))
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  const counts = new Map<string, number>()
  let number = 0
  let ballots = 0
  let error: string | null = null
  for await (const line of lines) {
    number++
    if (number === 1) {
      if (line.replace(/^\uFEFF/, '') !== BALLOT_FILE_HEADER) error ??= `line 1: the header must be "${BALLOT_FILE_HEADER}"`
      continue
    }
    if (!line) continue
    const [priorityId, municipalityCode, lineQuarter, day] = line.split(',')
    if (!/^\d+$/.test(priorityId ?? '') || !municipalityCode || lineQuarter !== quarter || !/^\d{4}-\d{2}-\d{2}$/.test(day ?? '')) {
      error ??= `line ${number}: not a ballot of ${quarter}`
      continue
    }
    ballots++
    const key = `${priorityId},${municipalityCode}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return {
    sha256: hash.digest('hex'),
    ballots,
    error,
    counts: [...counts].map(([key, votes]) => {
      const [priorityId, municipalityCode] = key.split(',')
      return { priorityId: Number(priorityId), municipalityCode, votes }
    }),
  }
}

/**
 * The ballot file's chunks for a response stream: each step runs in the
 * tenant scope of the request that asked, wherever the stream pulls it from.
 */
export function scopedBallotFile(quarter: string): AsyncIterable<string> {
  const tenant = tenantScope.currentOrFail()
  const chunks = ballotFileChunks(quarter)
  return {
    [Symbol.asyncIterator]() {
      return { next: () => tenantScope.run(tenant, () => chunks.next()) }
    },
  }
}
