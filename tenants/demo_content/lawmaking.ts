import { tenantScope } from '#tenancy/tenant_scope'
import { tenantDb } from '#tenancy/tenant_model'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import User from '#modules/identity/models/user'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import type { OfficeCast } from '#tenants/demo_content/cast'

function demoText(subject: string, municipal: boolean) {
  const act = municipal ? 'Настоящее постановление' : 'Настоящий Закон'
  return `Статья 1. Предмет регулирования
${act} определяет меры поддержки в сфере «${subject}».
Статья 2. Меры поддержки
1. Поддержка оказывается в виде:
1) субсидий некоммерческим организациям;
2) информационной и консультационной помощи;
3) предоставления помещений в безвозмездное пользование.
2. Порядок и условия предоставления поддержки устанавливает уполномоченный орган.
Статья 3. Финансовое обеспечение
Меры поддержки финансируются в пределах средств, предусмотренных в бюджете на соответствующий год.
Статья 4. Вступление в силу
${act} вступает в силу через десять дней после дня его официального опубликования.`
}

/**
 * A body's sample draft act, prepared by the lead department and published
 * for a 30-day public discussion from today (the portal gets it over the
 * bus): a regional law in a block, a municipal act in a municipality.
 */
export async function seedLawmaking(cast: OfficeCast) {
  const tenant = tenantScope.currentOrFail()
  const municipal = tenant.kind === 'municipality'
  const author = cast.leadHead ?? cast.head
  const actor = systemActor('demo:seed')
  const draft = await new SaveDraft().handle(
    {
      title: municipal ? `О мерах поддержки: ${cast.lead.nameRu}` : `О государственной поддержке в сфере: ${cast.lead.nameRu}`,
      kind: municipal ? 'municipal_act' : 'law',
      level: municipal ? 'municipal' : 'regional',
      municipalityCode: municipal ? tenant.slug.replace(/_/g, '-') : null,
      subjectArea: 'social',
      departmentId: cast.lead.id,
      responsibleId: author.id,
      explanatoryNote: 'Проект закрепляет меры поддержки, их виды и порядок финансирования. Предложения принимаются по каждому пункту.',
      text: demoText(cast.lead.nameRu, municipal),
    },
    author,
    actor
  )
  const today = regionToday()
  await new PublishVersion().handle(draft.id, { consultationStartsOn: today, consultationEndsOn: today.plus({ days: 29 }) }, author, actor)
  return 1
}

/** The portal's demo citizen remarks on every draft open for discussion (once), with a proposed wording. */
export async function remarkOnDrafts() {
  const citizen = await User.query().where('role', 'citizen').where('status', 'active').orderBy('id').first()
  if (!citizen) return 0
  let made = 0
  for (const draft of await PublicDraft.query().where('stage', 'discussion').where('remarks_count', 0).orderBy('id')) {
    const clause = await tenantDb()
      .from('lawmaking_public_clauses as c')
      .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
      .where('v.draft_id', draft.id)
      .where('v.number', draft.currentVersion)
      .where('c.label', '2)')
      .select('c.clause_key', 'c.text')
      .first()
    if (!clause) continue
    await new SubmitRemark().handle(
      draft.id,
      {
        clauseKey: clause.clause_key,
        fragment: 'информационной и консультационной помощи',
        text: 'Предлагаю добавить юридическую помощь: организациям часто нужна помощь с документами.',
        proposedWording: 'информационной, консультационной и юридической помощи;',
        reason: 'Юридическая помощь — самая востребованная мера по опросам НКО.',
      },
      citizen
    )
    made++
  }
  return made
}
