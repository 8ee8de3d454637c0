import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import { notifyUsers } from '#modules/notifications/services/notify'
import { peopleWith } from '#modules/problems/services/problem_notifier'
import { recordEvent } from '#modules/suggestions/services/timeline'

/*
| Suggestions across tenants. The portal sends a suggestion to the body it is
| addressed to (suggestions.sent), as a numbered round; the body answers
| (suggestions.answered). Each side finds the other's by the portal's id and
| only for the sender the relay names; an answer to an earlier round, or from
| a body the suggestion is not addressed to, changes nothing.
*/

// A body (block or municipality) receives a suggestion to answer within 10 days.
bus.handle('suggestions.sent', async (message, trx) => {
  const body = tenantScope.currentOrFail()
  if (!isBodyKind(body.kind)) throw new errors.E_NOT_FOUND(`${body.slug} is neither a block nor a municipality`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || sender.kind !== 'portal') throw new errors.E_NOT_FOUND(`${message.from} is not a portal: suggestions come from the portal`)
  const facts = message.payload
  const found = await trx.from('suggestion_cases').where({ origin_tenant: message.from, origin_suggestion_id: facts.suggestionId }).forUpdate().first()
  if (found && found.round >= facts.round) return
  const fields = {
    round: facts.round,
    category: facts.category,
    title: facts.title,
    content: facts.content,
    route: facts.route ? JSON.stringify(facts.route) : null,
    municipality_code: facts.municipalityCode,
    supports: facts.supports,
    portal_url: facts.portalUrl,
    status: 'open',
    deadline: DateTime.fromISO(facts.respondBy).toJSDate(),
    answer_kind: null,
    answer_text: null,
    planned_on: null,
    order_id: null,
    order_number: null,
    answered_by: null,
    answered_at: null,
    reminded_at: null,
    escalated_at: null,
    received_at: DateTime.now().toJSDate(),
  }
  let id: number
  if (found) {
    await trx.from('suggestion_cases').where('id', found.id).update(fields)
    id = found.id
  } else {
    const [row] = await trx.insertQuery().table('suggestion_cases').insert({ origin_tenant: message.from, origin_suggestion_id: facts.suggestionId, ...fields }).returning('id')
    id = Number(row.id ?? row)
  }
  await notifyUsers(trx, await peopleWith(trx, ['head', 'admin']), 'suggestion.received', `/suggestions/inbox/${id}`, {
    title: facts.title,
    deadline: DateTime.fromISO(facts.respondBy).setZone(REGION_ZONE).toFormat('dd.MM.yyyy'),
  })
})

// The portal publishes the body's answer, or takes the suggestion back to the moderators ("not ours").
bus.handle('suggestions.answered', async (message, trx) => {
  const portal = tenantScope.currentOrFail()
  if (portal.kind !== 'portal') throw new errors.E_NOT_FOUND(`${portal.slug} is not a portal`)
  const facts = message.payload
  const suggestion = await trx.from('suggestions').where('id', facts.suggestionId).forUpdate().first()
  if (!suggestion || suggestion.body_slug !== message.from) {
    throw new errors.E_NOT_FOUND(`Suggestion ${facts.suggestionId} is not addressed to "${message.from}"`)
  }
  if (facts.round !== suggestion.round || suggestion.status !== 'sent') return
  const answeredAt = DateTime.fromISO(facts.answeredAt)
  const body = { body: message.from, bodyNameRu: suggestion.body_name_ru, bodyNameEn: suggestion.body_name_en, round: facts.round }
  if (facts.kind === 'not_ours') {
    await trx.from('suggestions').where('id', suggestion.id).update({ status: 'returned', updated_at: answeredAt.toJSDate() })
    await recordEvent(trx, suggestion.id, 'returned', { ...body, text: facts.text })
    await notifyUsers(trx, await peopleWith(trx, ['moderator', 'admin']), 'suggestion.returned', '/suggestions/moderation', { suggestionId: suggestion.id, title: suggestion.title })
    return
  }
  await trx
    .from('suggestions')
    .where('id', suggestion.id)
    .update({
      status: facts.kind,
      answer_kind: facts.kind,
      answer_text: facts.text,
      planned_on: facts.plannedOn ?? null,
      order_number: facts.orderNumber ?? null,
      initiative_title: facts.initiativeTitle ?? null,
      answered_at: answeredAt.toJSDate(),
      answered_in_time: answeredAt.toMillis() <= new Date(suggestion.respond_by).getTime(),
      updated_at: answeredAt.toJSDate(),
    })
  await recordEvent(trx, suggestion.id, 'answered', {
    ...body,
    kind: facts.kind,
    text: facts.text,
    plannedOn: facts.plannedOn ?? null,
    orderNumber: facts.orderNumber ?? null,
    initiativeTitle: facts.initiativeTitle ?? null,
  })
  const supporters = (await trx.from('suggestion_supports').where('suggestion_id', suggestion.id).select('user_id')).map((row: { user_id: number }) => row.user_id)
  const people = suggestion.author_id ? [suggestion.author_id, ...supporters] : supporters
  await notifyUsers(trx, people, 'suggestion.answered', `/suggestions/${suggestion.id}`, { suggestionId: suggestion.id, title: suggestion.title })
})
