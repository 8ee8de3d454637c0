import type User from '#modules/identity/models/user'
import type Conclusion from '#modules/lawmaking/models/conclusion'
import type PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import Initiative from '#modules/lawmaking/models/initiative'
import { initiativeConclusionsPublic } from '#modules/lawmaking/services/initiative_expertise'

/**
 * Whether a user reads a conclusion (its text and file): everybody once its
 * subject's public stage is over (`isPublic`); before, its expert and the
 * portal's moderators only (the public discussion or the collection of
 * support is not steered by experts' verdicts).
 */
export function mayReadConclusion(isPublic: boolean, invitation: PublicExpertInvitation, user: User | undefined, expertOfUser: number | null) {
  return isPublic || (!!user && user.hasRole('moderator', 'admin')) || (expertOfUser !== null && invitation.expertId === expertOfUser)
}

/** Whether a conclusion's subject has left its public stage: a draft's discussion closed, an initiative forwarded or answered. */
export async function conclusionIsPublic(conclusion: Conclusion) {
  if (conclusion.draftId) return (await PublicDraft.findOrFail(conclusion.draftId)).stage !== 'discussion'
  return initiativeConclusionsPublic(await Initiative.findOrFail(conclusion.initiativeId))
}
