import type User from '#modules/identity/models/user'
import Draft from '#modules/lawmaking/models/draft'

/**
 * The drafts a person sees in the body, the rule of DraftPolicy.manage as
 * SQL: the body's head and admins every department's, department staff
 * their own department's. Lists, pages and every action look drafts up
 * through it, so another department's draft is a 404 like a missing one.
 */
export function visibleDrafts(user: User) {
  const query = Draft.query()
  if (!user.hasRole('head', 'admin')) query.where('lawmaking_drafts.department_id', user.departmentId ?? -1)
  return query
}

/** A draft the person may act on, or a 404. */
export function findVisibleDraft(user: User, id: number | string) {
  return visibleDrafts(user).where('lawmaking_drafts.id', Number(id)).firstOrFail()
}
