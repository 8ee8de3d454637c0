import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import Problem from '#modules/problems/models/problem'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import KnownBody from '#modules/identity/models/known_body'
import KnownDepartment from '#modules/identity/models/known_department'
import { recordEvent } from '#modules/problems/services/timeline'

export interface RoutingTarget {
  tenant: string
  departmentCode: string
  departmentName: string
  rule: RoutingRule | null
}

/** The rule for a theme in a municipality, else the theme's default rule. */
export async function ruleFor(trx: TransactionClientContract, themeId: number, municipalityId: number) {
  return RoutingRule.query({ client: trx })
    .where('theme_id', themeId)
    .where((query) => query.where('municipality_id', municipalityId).orWhereNull('municipality_id'))
    .orderByRaw('municipality_id is null')
    .first()
}

/** The name shown publicly for a citizen: the display name they chose, or their full name. */
export async function publicNameOf(trx: QueryClientContract | TransactionClientContract, userId: number) {
  const profile = await CitizenProfile.query({ client: trx }).where('user_id', userId).first()
  if (profile) return profile.displayName
  return (await User.query({ client: trx }).where('id', userId).firstOrFail()).fullName
}

/**
 * A department's English name as the portal's directory knows it (a
 * municipal one with its administration's, as the Russian one is); null
 * when the body has not published it.
 */
export async function englishDepartmentName(client: QueryClientContract | TransactionClientContract, slug: string, code: string) {
  const department = await KnownDepartment.query({ client }).where('body_slug', slug).where('code', code).first()
  if (!department) return null
  const body = await KnownBody.query({ client }).where('slug', slug).first()
  return body?.kind === 'municipality' ? `${department.nameEn} (${body.nameEn})` : department.nameEn
}

/**
 * Sends a problem to a department of a block, starting a new round with a
 * fresh reaction deadline; records which rule fired (or who chose the
 * target). The block's copy carries the citizen's e-mail only when allowed.
 */
export async function routeProblem(
  trx: TransactionClientContract,
  problem: Problem,
  target: RoutingTarget,
  options: { actorId?: number | null; reason: 'rule' | 'admin' | 'reopened' }
) {
  const theme = await ProblemTheme.query({ client: trx }).where('id', problem.themeId).firstOrFail()
  const municipality = await Municipality.query({ client: trx }).where('id', problem.municipalityId).firstOrFail()
  const now = DateTime.now()
  const deadline = now.plus({ days: theme.reactionDays })
  const departmentNameEn = await englishDepartmentName(trx, target.tenant, target.departmentCode)
  problem.merge({
    status: 'routed',
    round: problem.round + 1,
    ruleId: target.rule?.id ?? null,
    routedTenant: target.tenant,
    routedDepartmentCode: target.departmentCode,
    routedDepartmentName: target.departmentName,
    routedDepartmentNameEn: departmentNameEn,
    routedAt: now,
    // "being sent to the department" until the body confirms this round over the bus
    receivedAt: null,
    deadline,
    firstRoutedAt: problem.firstRoutedAt ?? now,
    answerKind: null,
    answerText: null,
    plannedOn: null,
    planNeeds: null,
    answeredAt: null,
    closedAt: null,
  })
  await problem.useTransaction(trx).save()
  await recordEvent(
    trx,
    problem.id,
    'routed',
    { tenant: target.tenant, department: target.departmentCode, departmentName: target.departmentName, departmentNameEn, deadline: deadline.toISO(), reason: options.reason, round: problem.round },
    { actorId: options.actorId ?? null, ruleId: target.rule?.id ?? null }
  )

  const author = await User.query({ client: trx }).where('id', problem.authorId).firstOrFail()
  const photos = await ProblemPhoto.query({ client: trx }).where('problem_id', problem.id).where('source', 'report').orderBy('id')
  await bus.send(trx, {
    to: target.tenant,
    type: 'problems.routed',
    payload: {
      problemId: problem.id,
      round: problem.round,
      department: target.departmentCode,
      theme: { code: theme.code, nameRu: theme.nameRu, nameEn: theme.nameEn },
      municipality: { code: municipality.code, nameRu: municipality.nameRu },
      text: problem.description,
      address: problem.address,
      location: { lat: problem.lat, lng: problem.lng },
      respondBy: deadline.toISO()!,
      author: { displayName: await publicNameOf(trx, problem.authorId), ...(problem.shareContact ? { email: author.email } : {}) },
      photos: photos.map((photo) => ({ key: photo.storageKey, mimeType: photo.mimeType })),
    },
  })
}

/**
 * Routes by the rules; without a matching rule the problem waits in the
 * admins' routing queue (recorded, not public).
 */
export async function routeByRules(
  trx: TransactionClientContract,
  problem: Problem,
  options: { actorId?: number | null; reason: 'rule' | 'reopened' }
) {
  const rule = await ruleFor(trx, problem.themeId, problem.municipalityId)
  if (!rule) {
    problem.status = 'awaiting_routing'
    await problem.useTransaction(trx).save()
    await recordEvent(trx, problem.id, 'unroutable', {}, { isPublic: false })
    return false
  }
  await routeProblem(
    trx,
    problem,
    { tenant: rule.targetTenant, departmentCode: rule.targetDepartmentCode, departmentName: rule.targetDepartmentName, rule },
    options
  )
  return true
}
