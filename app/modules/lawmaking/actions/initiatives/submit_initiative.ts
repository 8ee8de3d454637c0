import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Initiative from '#modules/lawmaking/models/initiative'
import type { DraftLevel } from '#modules/lawmaking/models/draft'
import { recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'
import { notifyModerators } from '#modules/lawmaking/actions/initiatives/moderate_initiative'

export interface InitiativeInput {
  title: string
  problem: string
  goal: string
  proposal: string
  level: DraftLevel
  municipalityCode?: string | null
  subjectArea: string
}

/**
 * A citizen (signed in, e-mail confirmed: the controller checks) writes
 * the concept of an initiative; it waits for moderation, and the portal's
 * moderators are told. A regional initiative has no municipality.
 */
export class SubmitInitiative {
  async handle(input: InitiativeInput, author: User) {
    return tenantDb().transaction(async (trx) => {
      const initiative = await Initiative.create(
        {
          authorId: author.id,
          title: input.title,
          problem: input.problem,
          goal: input.goal,
          proposal: input.proposal,
          level: input.level,
          municipalityCode: input.level === 'municipal' ? input.municipalityCode! : null,
          subjectArea: input.subjectArea,
          status: 'moderation',
          supportCount: 0,
        },
        { client: trx }
      )
      await recordInitiativeEvent(trx, initiative.id, 'submitted')
      await notifyModerators(trx, 'lawmaking.initiative_submitted', initiative)
      return initiative
    })
  }
}
