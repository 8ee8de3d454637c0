import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantScope } from '#tenancy/tenant_scope'
import { isQuarter } from '#modules/priorities/services/quarters'
import { latestSnapshot } from '#modules/priorities/actions/seal_quarter'
import { scopedBallotFile } from '#modules/priorities/services/ballot_file'
import { portalFor } from '#modules/priorities/services/portal_tenant'

/**
 * Writes a sealed quarter's canonical ballot file — the bytes
 * `/priorities/results/<quarter>/ballots.csv` serves — to a file or to
 * stdout, streamed a priority at a time (memory stays flat), and checks its
 * SHA-256 against the snapshot. For operators publishing the file elsewhere
 * (a mirror, an archive) without going through the web server.
 */
export default class PrioritiesBallots extends KraiCommand {
  static commandName = 'priorities:ballots'
  static description = 'Write the canonical ballot file of a sealed quarter (to --out or stdout) and check its SHA-256 against the snapshot'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Quarter, e.g. 2026-Q4' })
  declare quarter: string

  @flags.string({ description: 'File to write; without it, the file goes to stdout (and nothing else does)' })
  declare out?: string

  @flags.string({ description: 'Portal tenant slug (when there is more than one portal)' })
  declare tenant?: string

  async execute() {
    if (!isQuarter(this.quarter)) return this.fail(`Not a quarter: "${this.quarter}" (expected e.g. 2026-Q4)`)
    const portal = await portalFor(this.tenant)
    await tenantScope.run(portal, async () => {
      const snapshot = await latestSnapshot(this.quarter)
      // as on the web: only a sealed quarter's ballots are published
      if (!snapshot) return this.fail(`${this.quarter} is not sealed: its ballot file is published once the quarter is sealed`)
      const hash = createHash('sha256')
      let bytes = 0
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          bytes += chunk.length
          done(null, chunk)
        },
      })
      const target = this.out ? createWriteStream(this.out) : process.stdout
      await pipeline(Readable.from(scopedBallotFile(this.quarter)), tap, target, { end: !!this.out })
      const sha256 = hash.digest('hex')
      const line = `${this.quarter} v${snapshot.version}: ${bytes} bytes, SHA-256 ${sha256}`
      if (sha256 !== snapshot.ballot_file_sha256) return this.fail(`${line} — DIFFERS from the sealed ${snapshot.ballot_file_sha256}`)
      // on stdout the file is alone: the summary only goes with --out
      if (this.out) this.logger.success(`${line} — matches the snapshot; written to ${this.out}`)
    })
  }
}
