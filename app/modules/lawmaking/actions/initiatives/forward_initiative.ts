import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { slugFromCode } from '#tenancy/naming'
import { notifyUsers } from '#modules/notifications/services/notify'
import KnownBody from '#modules/identity/models/known_body'
import Initiative from '#modules/lawmaking/models/initiative'
import { publicNameOf } from '#modules/problems/services/routing'
import { answerDays, recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'
import { sendInitiativeConclusions } from '#modules/lawmaking/services/initiative_expertise'

/**
 * The bodies an initiative may go to, from the portal's own directory: a
 * regional one to a block, a municipal one to its municipality's
 * administration. Each body with its active departments; one nobody works
 * in cannot be chosen.
 */
export async function initiativeTargets(initiative: Initiative) {
  const query = KnownBody.query().preload('departments', (departments) => departments.where('is_active', true).orderBy('name_ru')).orderBy('name_ru')
  if (initiative.level === 'regional') query.where('kind', 'block')
  else query.where('kind', 'municipality').where('slug', slugFromCode(initiative.municipalityCode ?? ''))
  return (await query).filter((body) => body.departments.length)
}

/**
 * A moderator forwards an initiative under discussion — ready (its
 * threshold reached) or, by decision, before — to a department of the
 * responsible body, which must answer within LAWMAKING_INITIATIVE_ANSWER_DAYS.
 * The portal only names the department from its directory and sends the
 * initiative over the bus, with the experts' conclusions filed so far; it
 * never reads the body's schema. A wrong body for the level or territory is
 * a 422 on `target`.
 */
export class ForwardInitiative {
  async handle(initiativeId: number, target: string, actor: Actor, t: Translate = untranslated) {
    const [slug, code] = target.split('/')
    const initiative = await tenantDb().transaction(async (trx) => {
      const found = await Initiative.query({ client: trx }).where('id', initiativeId).forUpdate().firstOrFail()
      if (found.status !== 'discussion') throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_initiatives.errors.not_in_discussion'))
      const body = (await initiativeTargets(found)).find((candidate) => candidate.slug === slug)
      const department = body?.departments.find((candidate) => candidate.code === code && candidate.staffed)
      if (!body || !department) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'target', rule: 'lawmaking.initiative_target', message: t('lawmaking_initiatives.errors.target') }])
      }
      const now = DateTime.now()
      const respondBy = regionToday().plus({ days: answerDays() })
      found.merge({
        status: 'forwarded',
        targetTenant: body.slug,
        targetDepartmentCode: department.code,
        targetDepartmentNameRu: department.nameRu,
        targetDepartmentNameEn: department.nameEn,
        targetBodyNameRu: body.nameRu,
        targetBodyNameEn: body.nameEn,
        forwardedAt: now,
        respondBy,
      })
      await found.useTransaction(trx).save()
      await bus.send(trx, {
        to: body.slug,
        type: 'lawmaking.initiative_forwarded',
        payload: {
          initiativeId: found.id,
          department: department.code,
          initiative: {
            title: found.title,
            problem: found.problem,
            goal: found.goal,
            proposal: found.proposal,
            level: found.level,
            municipalityCode: found.municipalityCode,
            subjectArea: found.subjectArea,
            supportCount: found.supportCount,
            authorName: await publicNameOf(trx, found.authorId),
          },
          forwardedAt: now.toISO()!,
          respondBy: respondBy.toISODate()!,
        },
      })
      // the experts' conclusions filed so far follow the initiative (after it, so the body holds the case)
      await sendInitiativeConclusions(trx, found)
      await recordInitiativeEvent(
        trx,
        found.id,
        'forwarded',
        { body: body.nameRu, bodyEn: body.nameEn, department: department.nameRu, departmentEn: department.nameEn, respondBy: respondBy.toISODate(), ready: !!found.readyAt },
        now
      )
      await notifyUsers(trx, [found.authorId], 'lawmaking.initiative_forwarded', `/lawmaking/initiatives/${found.id}`, { title: found.title, body: body.nameRu })
      return found
    })
    await recordAudit(actor, 'lawmaking.initiative_forwarded', { type: 'lawmaking_initiative', id: initiative.id }, { target, ready: !!initiative.readyAt })
    return initiative
  }
}
