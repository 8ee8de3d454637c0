import { tenantDb } from '#tenancy/tenant_model'
import type { Actor } from '#core/audit'
import LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import LawsuitParty from '#modules/lawsuits/models/lawsuit_party'
import { nextInstance } from '#modules/lawsuits/catalog'
import { SaveCase } from '#modules/lawsuits/actions/save_case'

/**
 * The dispute goes to the next instance: a new case (its own number and
 * court) linked to the decided one, with the same category, our role,
 * parties, claim, lawyer and department. Null when there is nothing to
 * appeal to (supervisory is the last) or the case is not decided yet.
 */
export class FileAppeal {
  async handle(parent: LawsuitCase, input: { number: string; court: string; judge?: string }, actor: Actor) {
    const instance = nextInstance(parent.instance)
    if (!instance || parent.isOpen) return null
    return tenantDb().transaction(async (trx) => {
      const parties = await LawsuitParty.query({ client: trx }).where('case_id', parent.id).orderBy('id')
      return new SaveCase().handle(trx, {
        number: input.number,
        court: input.court,
        judge: input.judge,
        instance,
        category: parent.category,
        ourRole: parent.ourRole,
        subject: parent.subject ?? undefined,
        claimedAmount: parent.claimedAmount,
        lawyerId: parent.lawyerId ?? undefined,
        departmentId: parent.departmentId,
        parentId: parent.id,
        parties: parties.map((party) => ({ role: party.role, name: party.name })),
      }, actor)
    })
  }
}

/**
 * Every instance of a case's dispute, first to last: the ancestors through
 * `parent_id` and every case filed on top of them.
 */
export async function caseChain(lawsuit: LawsuitCase) {
  const result = await tenantDb().rawQuery(
    `with recursive up as (
       select id, parent_id from lawsuit_cases where id = ?
       union all
       select c.id, c.parent_id from lawsuit_cases c join up on c.id = up.parent_id
     ),
     root as (select id from up where parent_id is null limit 1),
     down as (
       select id from lawsuit_cases where id = (select id from root)
       union all
       select c.id from lawsuit_cases c join down on c.parent_id = down.id
     )
     select id from down`,
    [lawsuit.id]
  )
  const ids = result.rows.map((row: { id: number }) => row.id)
  return LawsuitCase.query()
    .whereIn('id', ids.length ? ids : [lawsuit.id])
    .orderByRaw(`array_position(array['first', 'appeal', 'cassation', 'supervisory']::text[], instance::text), id`)
}
