import { DateTime } from 'luxon'
import Priority, { type PriorityLevel } from '#modules/priorities/models/priority'
import { refusal, untranslated, type Translate } from '#modules/priorities/services/refusal'
import { tenantDb } from '#tenancy/tenant_model'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { storePhotos } from '#modules/problems/services/photos'

export interface PriorityInput {
  level: PriorityLevel
  municipalityCode?: string | null
  title: string
  description: string
  category: string
  responsibleBody?: string | null
  opensQuarter: string
  closesQuarter?: string | null
}

/**
 * A portal admin drafts a priority or edits it. Its level and municipality
 * change only while it has no ballot (a ballot froze the municipality it was
 * cast for); title, description, category, responsible body and quarters may
 * change at any time.
 */
export class SavePriority {
  async handle(input: PriorityInput, priorityId?: number, t: Translate = untranslated) {
    if (input.level === 'municipal' && !input.municipalityCode) throw refusal('municipalityCode', 'required', t('priorities.errors.municipality_required'))
    if (input.closesQuarter && input.closesQuarter < input.opensQuarter) throw refusal('closesQuarter', 'after', t('priorities.errors.closes_before_opens'))
    const priority = priorityId ? await Priority.findOrFail(priorityId) : new Priority()
    const place = { level: input.level, municipalityCode: input.level === 'municipal' ? input.municipalityCode! : null }
    if (priority.$isPersisted && (priority.level !== place.level || priority.municipalityCode !== place.municipalityCode) && (await hasBallots(priority.id))) {
      throw refusal('level', 'frozen', t('priorities.errors.place_frozen'))
    }
    priority.merge({
      ...place,
      title: input.title,
      description: input.description,
      category: input.category,
      responsibleBody: input.responsibleBody ?? null,
      opensQuarter: input.opensQuarter,
      closesQuarter: input.closesQuarter ?? null,
    })
    if (!priority.$isPersisted) priority.status = 'draft'
    await priority.save()
    return priority
  }

  /**
   * A citizen suggests a priority for moderation (at most three open
   * suggestions per person); admins publish or reject it.
   */
  async suggest(input: Omit<PriorityInput, 'opensQuarter' | 'closesQuarter' | 'responsibleBody'>, userId: number, opensQuarter: string, t: Translate = untranslated) {
    const open = await Priority.query().where('suggested_by', userId).where('status', 'suggested').count('* as total').first()
    if (Number(open?.$extras.total ?? 0) >= 3) throw refusal('title', 'priorities.suggestions', t('priorities.errors.too_many_suggestions'))
    if (input.level === 'municipal' && !input.municipalityCode) throw refusal('municipalityCode', 'required', t('priorities.errors.municipality_required'))
    return Priority.create({
      level: input.level,
      municipalityCode: input.level === 'municipal' ? input.municipalityCode! : null,
      title: input.title,
      description: input.description,
      category: input.category,
      opensQuarter,
      status: 'suggested',
      suggestedBy: userId,
    })
  }

  /**
   * Sets a priority's photo: re-encoded by the problems' reader (upright, at
   * most 1600 px, no metadata), the previous one removed from Drive once the
   * new one is recorded.
   */
  async attachPhoto(priority: Priority, file: MultipartFile) {
    const previous = priority.photoKey
    await storePhotos(`priorities/${priority.id}`, [file], async ([stored]) => {
      priority.merge({ photoKey: stored.key, photoMime: stored.mimeType })
      await priority.save()
    })
    if (previous && previous !== priority.photoKey) await drive.use().delete(previous).catch(() => {})
    return priority
  }

  /** Removes a priority's photo: the record first, then the file in Drive. */
  async removePhoto(priority: Priority) {
    const previous = priority.photoKey
    if (!previous) return priority
    priority.merge({ photoKey: null, photoMime: null })
    await priority.save()
    await drive.use().delete(previous).catch(() => {})
    return priority
  }

  /** Opens a draft to votes (from its first quarter), or archives a published one (no new votes; sealed ranks keep it). */
  async setStatus(priorityId: number, status: 'published' | 'archived' | 'rejected') {
    const priority = await Priority.findOrFail(priorityId)
    priority.status = status
    if (status === 'published' && !priority.publishedAt) priority.publishedAt = DateTime.now()
    await priority.save()
    return priority
  }
}

/** Whether any ballot (counted, withdrawn or moderated out) names the priority. */
export async function hasBallots(priorityId: number) {
  return !!(await tenantDb().from('priority_ballots').where('priority_id', priorityId).select('id').first())
}
