import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { slugFromCode } from '#tenancy/naming'
import { currentQuarter } from '#modules/priorities/services/quarters'

// A municipality keeps the sealed ranks of its residents that a portal sent, a block the ranks of the priorities
// it is responsible for (a correction adds its version).
bus.handle('priorities.results_sealed', async (message, trx) => {
  const body = tenantScope.currentOrFail()
  if (body.kind !== 'municipality' && body.kind !== 'block') throw new errors.E_NOT_FOUND(`${body.slug} is neither a municipality nor a block`)
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

// The portal learns that a body issued an order from a priority (shown on the priority).
bus.handle('priorities.order_issued', async (message, trx) => {
  const portal = tenantScope.currentOrFail()
  if (portal.kind !== 'portal') throw new errors.E_NOT_FOUND(`${portal.slug} is not a portal`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || (sender.kind !== 'municipality' && sender.kind !== 'block')) throw new errors.E_NOT_FOUND(`${message.from} is neither a municipality nor a block`)
  const { priorityId, quarter, orderId, orderNumber, issuedAt } = message.payload
  if (!(await trx.from('priority_items').where('id', priorityId).first())) return
  await trx
    .insertQuery()
    .table('priority_orders')
    .insert({ body: message.from, order_id: orderId, priority_id: priorityId, quarter, order_number: orderNumber, issued_at: new Date(issuedAt) })
    .onConflict(['body', 'order_id'])
    .ignore()
})

// A municipality's administration proposes a priority for its residents: a suggestion for the portal's admins.
bus.handle('priorities.proposed', async (message, trx) => {
  const portal = tenantScope.currentOrFail()
  if (portal.kind !== 'portal') throw new errors.E_NOT_FOUND(`${portal.slug} is not a portal`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || sender.kind !== 'municipality') throw new errors.E_NOT_FOUND(`${message.from} is not a municipality`)
  const municipality = (await trx.from('municipalities').select('code')).find((row) => slugFromCode(row.code) === message.from)
  if (!municipality) throw new errors.E_NOT_FOUND(`${message.from} is no municipality of the portal's region`)
  // the proposing administration is the responsible body (it learns the ranks and acts on them)
  const { title, description, category } = message.payload
  const now = DateTime.now().toJSDate()
  await trx.insertQuery().table('priority_items').insert({
    level: 'municipal',
    municipality_code: municipality.code,
    title,
    description,
    category,
    responsible_body: message.from,
    opens_quarter: currentQuarter(),
    status: 'suggested',
    proposed_by_body: message.from,
    created_at: now,
    updated_at: now,
  })
})
