import { systemActor } from '#core/audit'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import { SubmitInitiative, type InitiativeInput } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { ForwardInitiative } from '#modules/lawmaking/actions/initiatives/forward_initiative'
import { inTenant } from '#tests/helpers/tenants'
import { pump, type ProblemsPortal } from '#tests/helpers/problems'

/** A municipal initiative as a citizen of a municipality would write it. */
export function municipalInitiative(municipalityCode: string, title = 'Освещение пешеходных переходов у школ'): InitiativeInput {
  return {
    title,
    problem: 'Пешеходные переходы у школ вечером не освещены, дети переходят дорогу в темноте.',
    goal: 'Обязать освещать переходы у школ с сентября по май.',
    proposal: 'Статья 1. Переходы у образовательных организаций освещаются в тёмное время суток.\nСтатья 2. Порядок освещения устанавливает администрация.',
    level: 'municipal',
    municipalityCode,
    subjectArea: 'transport',
  }
}

/**
 * An initiative written by the portal's citizen, published and forwarded to
 * `target` (`<body slug>/<department code>`), delivered to the body.
 * Returns the portal's initiative and the body's case.
 */
export async function forwardedInitiative(portal: ProblemsPortal, body: { tenant: Tenant }, target: string, input: InitiativeInput, author: User = portal.citizen) {
  const initiative = await inTenant(portal.tenant, async () => {
    const written = await new SubmitInitiative().handle(input, author)
    await new ModerateInitiative().handle(written.id, 'publish', null, systemActor('test'))
    return new ForwardInitiative().handle(written.id, target, systemActor('test'))
  })
  await pump([portal.tenant, body.tenant])
  const found = await inTenant(body.tenant, () => InitiativeCase.query().where('origin_tenant', portal.tenant.slug).where('origin_initiative_id', initiative.id).firstOrFail())
  return { initiative: await inTenant(portal.tenant, () => Initiative.findOrFail(initiative.id)), found }
}
