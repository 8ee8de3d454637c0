import { tenantDb } from '#tenancy/tenant_model'
import { moderatedKinds, type FlagReason, type ModeratedContent } from '#modules/social/moderation/registry'
import { publicNames } from '#modules/social/profiles/public_names'

export const QUEUE_PAGE_SIZE = 20

export interface QueueFilters {
  kind?: string
  state?: 'pending' | 'hidden' | 'decided' | 'all'
  reason?: FlagReason
  page?: number
}

/**
 * One page of the queue: cases of registered kinds, oldest first flag first,
 * with what each kind says of its item (read through the kind, never the
 * owner's table), the flags' reasons counted and the reporters' notes.
 */
export async function queuePage(filters: QueueFilters) {
  const kinds = await moderatedKinds()
  const state = filters.state ?? 'pending'
  const query = tenantDb().from('social_moderation_cases').whereIn('kind', [...kinds.keys()])
  if (filters.kind) query.where('kind', filters.kind)
  if (state === 'pending') query.where('state', 'pending')
  if (state === 'decided') query.where('state', 'decided')
  if (state === 'hidden') query.where('hidden', true)
  if (filters.reason) {
    const reason = filters.reason
    query.whereExists((sub) => {
      sub.from('social_moderation_flags').whereColumn('social_moderation_flags.case_id', 'social_moderation_cases.id').where('social_moderation_flags.reason', reason)
      if (state === 'pending') sub.whereNull('social_moderation_flags.cleared_at')
    })
  }
  const page = await query.orderBy('first_flag_at', 'asc').orderBy('id', 'asc').paginate(filters.page ?? 1, QUEUE_PAGE_SIZE)
  const rows = page.all()
  const ids = rows.map((row) => row.id as number)
  const flags = ids.length
    ? await tenantDb()
        .from('social_moderation_flags')
        .whereIn('case_id', ids)
        .orderBy('created_at', 'asc')
        .select('case_id', 'reason', 'note', 'created_at', 'cleared_at')
    : []
  const contents = new Map<number, ModeratedContent | null>()
  for (const row of rows) contents.set(row.id, (await kinds.get(row.kind)?.load(row.item_id)) ?? null)
  const names = await publicNames(rows.map((row) => row.author_user_id).filter((id): id is number => !!id))
  const items = rows.map((row) => {
    const own = flags.filter((flag) => flag.case_id === row.id)
    const open = own.filter((flag) => !flag.cleared_at)
    const counted = row.state === 'pending' ? open : own
    const reasons: Record<string, number> = {}
    for (const flag of counted) reasons[flag.reason] = (reasons[flag.reason] ?? 0) + 1
    const content = contents.get(row.id) ?? null
    return {
      id: row.id as number,
      kind: row.kind as string,
      kindLabel: kinds.get(row.kind)!.label,
      itemId: row.item_id as number,
      state: row.state as 'pending' | 'decided',
      hidden: content ? content.hidden : !!row.hidden,
      autoHidden: !!row.auto_hidden_at && row.state === 'pending',
      firstFlagAt: row.first_flag_at as Date,
      openFlags: Number(row.open_flags),
      flagsShown: counted.length,
      reasons: Object.entries(reasons).map(([reason, count]) => ({ reason, count })),
      notes: counted.filter((flag) => flag.note).map((flag) => ({ reason: flag.reason, note: flag.note as string, at: flag.created_at as Date })),
      decision: row.decision as string | null,
      decisionReason: row.decision_reason as string | null,
      authorUserId: row.author_user_id as number | null,
      author: row.author_user_id ? (names.get(row.author_user_id)?.name ?? null) : null,
      content,
    }
  })
  return { page, items, kinds: [...kinds.values()].map((kind) => ({ value: kind.kind, label: kind.label })) }
}
