import type { HttpContext } from '@adonisjs/core/http'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import { findVisibleDraft } from '#modules/lawmaking/builders/visible_drafts'

/**
 * The draft of the route's `:id` that the signed-in person acts on: 403
 * for who may not use law-making at all, 404 for another department's
 * draft (it looks like a missing one), then DraftPolicy.manage.
 */
export async function draftToManage({ auth, bouncer, params }: HttpContext) {
  await bouncer.with(DraftPolicy).authorize('use')
  const draft = await findVisibleDraft(auth.getUserOrFail(), params.id)
  await bouncer.with(DraftPolicy).authorize('manage', draft)
  return draft
}
