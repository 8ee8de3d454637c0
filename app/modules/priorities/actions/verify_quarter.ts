import { latestSnapshot, snapshotRanks } from '#modules/priorities/actions/seal_quarter'
import { ballotFileFacts, readBallotFile } from '#modules/priorities/services/ballot_file'
import { computeRanks, sameRanks } from '#modules/priorities/services/method'

export interface Verification {
  ok: boolean
  /** One line for a person: what matched or what did not. */
  line: string
}

/**
 * Recomputes a sealed quarter from its ballot file — the published one
 * named by `file`, or the one the portal generates from its ballots — with
 * the method recorded in the snapshot, and compares the file's SHA-256 and
 * every rank with the snapshot's.
 */
export async function verifyQuarter(quarter: string, file?: string): Promise<Verification> {
  const snapshot = await latestSnapshot(quarter)
  if (!snapshot) return { ok: false, line: `${quarter}: no sealed snapshot` }
  let sha256: string
  let counts
  if (file) {
    const read = await readBallotFile(file, quarter)
    if (read.error) return { ok: false, line: `${quarter}: ${file}: ${read.error}` }
    sha256 = read.sha256
    counts = read.counts
  } else {
    ;({ sha256, counts } = await ballotFileFacts(quarter))
  }
  const recomputed = computeRanks(snapshot.method, counts)
  const sealed = await snapshotRanks(snapshot.id)
  const label = `${quarter} v${snapshot.version} (${snapshot.method_version})`
  if (sha256 !== snapshot.ballot_file_sha256) {
    return { ok: false, line: `${label}: MISMATCH — ballot file SHA-256 ${sha256} differs from the sealed ${snapshot.ballot_file_sha256}` }
  }
  if (!sameRanks(sealed, recomputed)) return { ok: false, line: `${label}: MISMATCH — the recomputed ranks differ from the sealed ones` }
  const scopes = new Set(sealed.map((row) => row.scope)).size
  return { ok: true, line: `${label}: verified — ${sealed.length} ranks in ${scopes} scopes match, ballot file SHA-256 ${sha256}` }
}
