import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import Department from '#modules/identity/models/department'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemCasePhoto from '#modules/problems/models/problem_case_photo'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import { copyPhotosFrom } from '#modules/problems/services/photos'
import { recordEvent } from '#modules/problems/services/timeline'
import { acknowledgeCase } from '#modules/problems/services/case_receipt'
import { notifyAboutProblem, peopleWith } from '#modules/problems/services/problem_notifier'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { clockDate } from '#core/clock'

/*
| Citizens' control across tenants. The portal routes a problem to a
| department of a body — a block or a municipality, alike —
| (problems.routed); the body keeps its own case and answers
| (problems.answered), and later reports a plan done (problems.plan_completed). Each side finds the other's problem by the
| portal's id and only for the sender named by the relay, and each round of
| routing has a number so a late answer to an earlier round changes nothing.
*/

// A body (block or municipality) receives a problem for one of its departments.
bus.handle('problems.routed', async (message, trx) => {
  const facts = message.payload
  const isBody = isBodyKind(tenantScope.currentOrFail().kind)
  const department = isBody ? await Department.query({ client: trx }).where('code', facts.department).where('is_active', true).first() : null
  if (!department) {
    // The portal's admins named a department this block does not have: it goes back to their queue.
    await bus.reply(trx, message, 'problems.answered', {
      problemId: facts.problemId,
      round: facts.round,
      kind: 'not_ours',
      text: isBody ? `Unknown department "${facts.department}" in ${message.to}` : `${message.to} is not a block or a municipality`,
      answeredAt: clockDate().toISOString(),
    })
    return
  }
  let found = await ProblemCase.query({ client: trx })
    .where('origin_tenant', message.from)
    .where('origin_problem_id', facts.problemId)
    .forUpdate()
    .first()
  if (found && found.round >= facts.round) return
  const now = DateTime.now()
  const fields = {
    round: facts.round,
    departmentId: department.id,
    themeCode: facts.theme.code,
    themeName: facts.theme.nameRu,
    municipalityCode: facts.municipality.code,
    municipalityName: facts.municipality.nameRu,
    lat: facts.location.lat,
    lng: facts.location.lng,
    address: facts.address,
    description: facts.text,
    authorName: facts.author.displayName,
    authorEmail: facts.author.email ?? null,
    status: 'open' as const,
    deadline: DateTime.fromISO(facts.respondBy),
    answerKind: null,
    answerText: null,
    plannedOn: null,
    planNeeds: null,
    answeredBy: null,
    answeredAt: null,
    remindedAt: null,
    escalatedAt: null,
    planRemindedAt: null,
    planDoneAt: null,
    planDoneText: null,
    planDoneBy: null,
    receivedAt: now,
  }
  if (found) {
    found.merge(fields)
    await found.useTransaction(trx).save()
  } else {
    found = await ProblemCase.create({ originTenant: message.from, originProblemId: facts.problemId, ...fields }, { client: trx })
  }
  const known = new Set((await ProblemCasePhoto.query({ client: trx }).where('case_id', found.id)).map((photo) => photo.storageKey))
  const copies = await copyPhotosFrom(message.from, `cases/${found.id}`, facts.photos)
  const fresh = copies.filter((copy) => !known.has(copy.key))
  await ProblemCasePhoto.attach(trx, { caseId: found.id, round: facts.round, source: 'report' }, fresh)
  // the portal shows "being sent to the department" until this receipt arrives
  await acknowledgeCase(trx, found, department)
  // nobody works in the department: the body's head answers or hands it on (no dead end)
  const staff = await peopleWith(trx, ['department_head', 'executor'], department.id)
  await notifyAboutProblem(
    trx,
    staff.length ? staff : await peopleWith(trx, ['head']),
    'problem.routed',
    `/problems/inbox/${found.id}`,
    { caseId: found.id, theme: facts.theme.nameRu, address: facts.address, deadline: found.deadline.toISODate() }
  )
})

// The portal learns that the body received a round (the time, and which department holds it now).
bus.handle('problems.received', async (message, trx) => {
  const facts = message.payload
  const problem = await Problem.query({ client: trx }).where('id', facts.problemId).forUpdate().first()
  if (!problem || problem.routedTenant !== message.from) {
    throw new errors.E_NOT_FOUND(`Problem ${facts.problemId} is not routed to "${message.from}"`)
  }
  // a receipt of an earlier round (routed again since) changes nothing
  if (facts.round !== problem.round) return
  const moved = facts.department.code !== problem.routedDepartmentCode
  if (problem.receivedAt && !moved) return
  const first = !problem.receivedAt
  problem.receivedAt ??= DateTime.fromISO(facts.receivedAt)
  // the portal's own name stays unless the body handed the problem to another department
  if (moved) problem.merge({ routedDepartmentCode: facts.department.code, routedDepartmentName: facts.department.nameRu })
  if (moved || !problem.routedDepartmentNameEn) problem.routedDepartmentNameEn = facts.department.nameEn
  await problem.useTransaction(trx).save()
  const department = {
    tenant: message.from,
    department: problem.routedDepartmentCode,
    departmentName: problem.routedDepartmentName,
    departmentNameEn: problem.routedDepartmentNameEn,
  }
  if (first) await recordEvent(trx, problem.id, 'received', { ...department, receivedAt: facts.receivedAt, round: facts.round })
  if (moved) await recordEvent(trx, problem.id, 'transferred', { ...department, round: facts.round })
})

// The portal publishes a department's answer, or takes a problem back for re-routing.
bus.handle('problems.answered', async (message, trx) => {
  const facts = message.payload
  const problem = await Problem.query({ client: trx }).where('id', facts.problemId).forUpdate().first()
  if (!problem || problem.routedTenant !== message.from) {
    throw new errors.E_NOT_FOUND(`Problem ${facts.problemId} is not routed to "${message.from}"`)
  }
  // an answer to an earlier round (the problem was routed again since) changes nothing
  if (facts.round !== problem.round || problem.status !== 'routed') return
  const answeredAt = DateTime.fromISO(facts.answeredAt)
  const department = {
    tenant: message.from,
    department: problem.routedDepartmentCode,
    departmentName: problem.routedDepartmentName,
    departmentNameEn: problem.routedDepartmentNameEn,
  }

  if (facts.kind === 'not_ours') {
    problem.status = 'awaiting_routing'
    await problem.useTransaction(trx).save()
    await recordEvent(trx, problem.id, 'returned', { ...department, text: facts.text, round: facts.round })
    await notifyAboutProblem(trx, await peopleWith(trx, ['admin']), 'problem.returned', '/problems/admin/routing', {
      problemId: problem.id,
      department: problem.routedDepartmentName,
    })
    return
  }

  problem.merge({
    status: facts.kind,
    answerKind: facts.kind,
    answerText: facts.text,
    plannedOn: facts.plannedOn ? DateTime.fromISO(facts.plannedOn) : null,
    planNeeds: facts.needs ?? null,
    answeredAt,
    firstAnsweredAt: problem.firstAnsweredAt ?? answeredAt,
    answeredInTime: problem.answeredInTime ?? (!!problem.deadline && answeredAt <= problem.deadline),
  })
  await problem.useTransaction(trx).save()
  const photos = await keepAnswerPhotos(trx, message.from, problem.id, facts.round, facts.photos ?? [])
  await recordEvent(trx, problem.id, 'answered', {
    ...department,
    kind: facts.kind,
    text: facts.text,
    plannedOn: facts.plannedOn ?? null,
    needs: facts.needs ?? null,
    round: facts.round,
    photos,
  })
  await notifyAboutProblem(trx, [problem.authorId], 'problem.answered', `/problems/${problem.id}`, { problemId: problem.id, kind: facts.kind })
})

/** Copies a body's photos of an answer or a completed plan into the portal's problem (once each). */
async function keepAnswerPhotos(trx: TransactionClientContract, sender: string, problemId: number, round: number, photos: { key: string; mimeType: string }[]) {
  const copies = await copyPhotosFrom(sender, `answers/${problemId}`, photos)
  const known = new Set((await ProblemPhoto.query({ client: trx }).where('problem_id', problemId)).map((photo) => photo.storageKey))
  const fresh = copies.filter((copy) => !known.has(copy.key))
  if (fresh.length) {
    await ProblemPhoto.createMany(
      fresh.map((copy) => ({ problemId, source: 'answer' as const, round, storageKey: copy.key, mimeType: copy.mimeType, width: copy.width, height: copy.height, size: copy.size })),
      { client: trx }
    )
  }
  return fresh.length
}

// The body carried out what it planned: the problem becomes a result the author may confirm or contest.
bus.handle('problems.plan_completed', async (message, trx) => {
  const facts = message.payload
  const problem = await Problem.query({ client: trx }).where('id', facts.problemId).forUpdate().first()
  if (!problem || problem.routedTenant !== message.from) {
    throw new errors.E_NOT_FOUND(`Problem ${facts.problemId} is not routed to "${message.from}"`)
  }
  // only the plan of this round, once
  if (facts.round !== problem.round || problem.status !== 'planned') return
  const completedAt = DateTime.fromISO(facts.completedAt)
  problem.merge({ status: 'resolved', planDoneAt: completedAt, planDoneText: facts.text })
  await problem.useTransaction(trx).save()
  const photos = await keepAnswerPhotos(trx, message.from, problem.id, facts.round, facts.photos)
  await recordEvent(trx, problem.id, 'plan_done', {
    tenant: message.from,
    department: problem.routedDepartmentCode,
    departmentName: problem.routedDepartmentName,
    departmentNameEn: problem.routedDepartmentNameEn,
    text: facts.text,
    round: facts.round,
    photos,
  })
  await notifyAboutProblem(trx, [problem.authorId], 'problem.plan_done', `/problems/${problem.id}`, { problemId: problem.id })
})
