import { DateTime } from 'luxon'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import type User from '#modules/identity/models/user'
import Draft from '#modules/lawmaking/models/draft'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { inTenant } from '#tests/helpers/tenants'
import { problemsBlock, type ProblemsBlock } from '#tests/helpers/problems'

/** A short regional law as a developer would type it. */
export const VOLUNTEERS_LAW = `О поддержке добровольчества в Краснодарском крае

Статья 1. Предмет регулирования
Настоящий Закон регулирует отношения в сфере добровольчества.
Статья 2. Меры поддержки
1. Органы власти края оказывают поддержку:
1) информационную;
2) консультационную.
2. Порядок оказания поддержки устанавливает высший исполнительный орган края.
Статья 3. Вступление в силу
Настоящий Закон вступает в силу через десять дней после его официального опубликования.`

/** A block whose roads department drafts acts (the same people as citizens' control uses). */
export function lawmakingBlock(slug: string): Promise<ProblemsBlock> {
  return problemsBlock(slug)
}

/** A draft of the roads department in preparation (not published). */
export function preparedDraft(block: ProblemsBlock, author: User = block.roadsHead, text = VOLUNTEERS_LAW): Promise<Draft> {
  return inTenant(block.tenant, () =>
    new SaveDraft().handle(
      {
        title: 'О поддержке добровольчества в Краснодарском крае',
        kind: 'law',
        level: 'regional',
        subjectArea: 'social',
        departmentId: block.departments.roads.id,
        responsibleId: author.id,
        explanatoryNote: 'Закон закрепляет меры поддержки добровольцев.',
        text,
      },
      author,
      systemActor('test')
    )
  )
}

/** A draft of the roads department, prepared and published with a period of `days` from today (by the app's clock). */
export async function publishedDraft(block: ProblemsBlock, author: User = block.roadsHead, days = 15, text = VOLUNTEERS_LAW) {
  const draft = await preparedDraft(block, author, text)
  return inTenant(block.tenant, async () => {
    const today = regionToday()
    await new PublishVersion().handle(draft.id, { consultationStartsOn: today, consultationEndsOn: today.plus({ days: days - 1 }) }, author, systemActor('test'))
    return draft.id
  })
}

/**
 * The draft's next version with this text, published without a period (its
 * final version): the draft's facts as they are, saved with the new text.
 * Every remark on it must have a decision already.
 */
export async function publishFinalVersion(block: ProblemsBlock, draftId: number, text: string, changeSummary: string, author: User = block.roadsHead) {
  return inTenant(block.tenant, async () => {
    const draft = await Draft.findOrFail(draftId)
    const { title, kind, level, municipalityCode, subjectArea, departmentId, responsibleId, explanatoryNote } = draft
    await new SaveDraft().handle({ title, kind, level, municipalityCode, subjectArea, departmentId, responsibleId, explanatoryNote, text }, author, systemActor('test'), draftId)
    return new PublishVersion().handle(draftId, { changeSummary }, author, systemActor('test'))
  })
}

/** The day after a period that started today and lasted `days` days (ISO). */
export function dayAfterPeriod(days = 15) {
  return regionToday().plus({ days }).toISODate()!
}

export { DateTime }
