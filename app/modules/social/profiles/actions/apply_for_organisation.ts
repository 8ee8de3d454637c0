import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import { mayPublish } from '#modules/social/moderation/registry'
import Organisation from '#modules/social/profiles/models/organisation'
import { refusal, type Translate } from '#modules/priorities/services/refusal'

export interface OrganisationInput {
  name: string
  inn?: string
  ogrn?: string
  description: string
  site?: string
  subjects: string[]
}

/** A user applies to register an organisation; they become its owner once a moderator verifies it. */
export async function applyForOrganisation(user: User, input: OrganisationInput, actor: Actor, t: Translate) {
  const verdict = await mayPublish(user.id)
  if (!verdict.allowed) throw refusal('description', 'suspended', t('social_profiles.errors.suspended', { reason: verdict.reason }))
  return tenantDb().transaction(async (trx) => {
    const organisation = await Organisation.create(
      {
        name: input.name,
        inn: input.inn || null,
        ogrn: input.ogrn || null,
        description: input.description,
        site: input.site || null,
        subjects: [...new Set(input.subjects)],
        status: 'pending',
        applicantId: user.id,
      },
      { client: trx }
    )
    await trx.insertQuery().table('social_organisation_members').insert({ organisation_id: organisation.id, user_id: user.id, role: 'owner', accepted_at: new Date(), created_at: new Date() })
    await recordAudit(actor, 'social.organisation_applied', { type: 'social_organisation', id: organisation.id }, { name: organisation.name }, trx)
    return organisation
  })
}
