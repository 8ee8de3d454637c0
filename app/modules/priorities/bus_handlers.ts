import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'

// A municipality keeps the sealed ranks of its residents that a portal sent (a correction adds its version).
bus.handle('priorities.results_sealed', async (message, trx) => {
  const body = tenantScope.currentOrFail()
  if (body.kind !== 'municipality') throw new errors.E_NOT_FOUND(`${body.slug} is not a municipality`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || sender.kind !== 'portal') throw new errors.E_NOT_FOUND(`${message.from} is not a portal: priority ranks come from the portal`)
  const { quarter, version, ballotFileSha256, reason, ranks } = message.payload
  if (!ranks.length) return
  await trx
    .insertQuery()
    .table('priority_received_results')
    .multiInsert(
      ranks.map((rank) => ({
        portal: message.from,
        quarter,
        version,
        priority_id: rank.priorityId,
        title: rank.title,
        level: rank.level,
        rank: rank.rank,
        previous_rank: rank.previousRank,
        votes: rank.votes,
        ballot_file_sha256: ballotFileSha256,
        reason,
        received_at: DateTime.now().toJSDate(),
      }))
    )
    .onConflict(['portal', 'quarter', 'version', 'priority_id'])
    .ignore()
})
