import { clockDate } from '#core/clock'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Comment, { MAX_COMMENT_DEPTH } from '#modules/social/publications/models/comment'
import type Publication from '#modules/social/publications/models/publication'
import { assertMayPublish, refusal, type Translate } from '#modules/social/publications/services/refusal'

/**
 * Adds a comment, top-level or a reply. Threads are at most MAX_COMMENT_DEPTH
 * deep: a reply to a comment at the last level joins that comment's siblings
 * (answering it by name is the writer's part), so a thread never grows sideways off the page.
 */
export async function addComment(user: User, publication: Publication, input: { body: string; parentId?: number }, t: Translate) {
  await assertMayPublish(user.id, t)
  let parent: Comment | null = null
  if (input.parentId) {
    parent = await Comment.query().where('id', input.parentId).where('publication_id', publication.id).whereNull('hidden_at').first()
    if (!parent) throw refusal('parentId', 'exists', t('social_publications.errors.parent_missing'))
    if (parent.depth >= MAX_COMMENT_DEPTH - 1) parent = await Comment.findOrFail(parent.parentId!)
  }
  return tenantDb().transaction(async (trx) => {
    const now = clockDate()
    const [row] = await trx
      .table('social_comments')
      .insert({
        publication_id: publication.id,
        root_id: parent ? (parent.rootId ?? parent.id) : null,
        parent_id: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        author_id: user.id,
        body: input.body,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    await trx.from('social_publications').where('id', publication.id).increment('comments_count', 1)
    return Number(row.id)
  })
}

/** An up or down vote on a comment, one per user, changeable ('none' withdraws it); returns the counts. */
export async function voteOnComment(commentId: number, userId: number, value: 'up' | 'down' | 'none') {
  return tenantDb().transaction(async (trx) => {
    if (value === 'none') {
      await trx.from('social_comment_votes').where({ comment_id: commentId, user_id: userId }).delete()
    } else {
      await trx
        .insertQuery()
        .table('social_comment_votes')
        .insert({ comment_id: commentId, user_id: userId, value: value === 'up' ? 1 : -1, created_at: clockDate() })
        .onConflict(['comment_id', 'user_id'])
        .merge(['value'])
    }
    // recounted from the votes (a handful per comment): a changed vote cannot drift the counts
    const [counts] = await trx
      .from('social_comment_votes')
      .where('comment_id', commentId)
      .select(trx.raw('count(*) filter (where value = 1)::int as up'), trx.raw('count(*) filter (where value = -1)::int as down'))
    await trx.from('social_comments').where('id', commentId).update({ up_count: counts.up, down_count: counts.down })
    return { up: Number(counts.up), down: Number(counts.down) }
  })
}
