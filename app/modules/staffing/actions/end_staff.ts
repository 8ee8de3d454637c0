import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import type StaffingStaff from '#modules/staffing/models/staffing_staff'
import { recordStaffingChange } from '#modules/staffing/services/history'
import { recomputeOccupancy } from '#modules/staffing/services/occupancy'
import { staffingChanged } from '#modules/staffing/services/figures_cache'

/**
 * A person leaves a position (or a recorded vacancy is closed) on a day; a
 * holder leaving counts towards turnover and opens a vacancy from that day.
 */
export class EndStaff {
  async handle(staff: StaffingStaff, endedOn: Date, actor: User | null) {
    if (staff.endedOn) throw new errors.E_FORBIDDEN_TRANSITION('Already ended')
    const day = DateTime.fromJSDate(endedOn).startOf('day')
    const result = await tenantDb().transaction(async (trx) => {
      await endAppointment(trx, staff, day, actor?.id ?? null)
      await recomputeOccupancy(trx, [staff.positionId])
      return staff
    })
    await staffingChanged()
    return result
  }
}

/**
 * Ends one appointment inside the caller's transaction, with its history
 * entry; the caller recomputes the occupancy of the positions it touched.
 */
export async function endAppointment(trx: TransactionClientContract, staff: StaffingStaff, day: DateTime, actorId: number | null) {
  staff.useTransaction(trx)
  staff.endedOn = day
  await staff.save()
  await recordStaffingChange(trx, { departmentId: staff.departmentId, positionId: staff.positionId, staffId: staff.id }, actorId, 'staff.ended', [
    { field: 'endedOn', from: null, to: day },
  ])
}
