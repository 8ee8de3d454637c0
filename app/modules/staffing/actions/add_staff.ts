import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type StaffingPosition from '#modules/staffing/models/staffing_position'
import StaffingStaff, { type StaffStatus } from '#modules/staffing/models/staffing_staff'
import { recordStaffingChange } from '#modules/staffing/services/history'
import { recomputeOccupancy } from '#modules/staffing/services/occupancy'
import { staffingChanged } from '#modules/staffing/services/figures_cache'
import { clockDate } from '#core/clock'

export interface StaffInput {
  status: StaffStatus
  personName?: string | null
  rate?: number | null
  since: Date
}

/**
 * Puts a person on a position (holding it or acting in it) or records a
 * vacancy. An appointment closes the recorded vacancies of the position.
 */
export class AddStaff {
  async handle(position: StaffingPosition, input: StaffInput, actor: User | null) {
    const since = DateTime.fromJSDate(input.since).startOf('day')
    const result = await tenantDb().transaction(async (trx) => {
      if (input.status === 'filled') {
        await StaffingStaff.query({ client: trx })
          .where('position_id', position.id)
          .where('status', 'vacant')
          .whereNull('ended_on')
          .update({ endedOn: since.toISODate(), updatedAt: clockDate() })
      }
      const staff = await StaffingStaff.create(
        {
          positionId: position.id,
          departmentId: position.departmentId,
          status: input.status,
          personName: input.status === 'vacant' ? null : (input.personName ?? null),
          rate: input.rate ?? 1,
          since,
        },
        { client: trx }
      )
      await recomputeOccupancy(trx, [position.id])
      await recordStaffingChange(trx, { departmentId: position.departmentId, positionId: position.id, staffId: staff.id }, actor?.id ?? null, `staff.${input.status}`, [
        { field: 'status', from: null, to: input.status },
        { field: 'personName', from: null, to: staff.personName },
        { field: 'rate', from: null, to: staff.rate },
        { field: 'since', from: null, to: since },
      ].filter((change) => change.to !== null))
      return staff
    })
    await staffingChanged()
    return result
  }
}
