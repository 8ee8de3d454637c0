import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import type { KeyPost } from '#modules/staffing/services/risk_rules'
import { changedFields, recordStaffingChange } from '#modules/staffing/services/history'
import { recomputeOccupancy } from '#modules/staffing/services/occupancy'
import { staffingChanged } from '#modules/staffing/services/figures_cache'

export interface PositionInput {
  title: string
  category?: string | null
  approvedFte: number
  keyPost?: KeyPost | null
  effectiveFrom: Date
  effectiveTo?: Date | null
}

const day = (value: Date | null | undefined) => (value ? DateTime.fromJSDate(value).startOf('day') : null)

/**
 * Creates a position in a department's establishment table, or changes one;
 * every changed field goes to the history (old → new) and the occupancy is
 * recomputed (a changed approved FTE may fill or open a vacancy).
 */
export class SavePosition {
  async handle(departmentId: number, input: PositionInput, actor: User | null, position?: StaffingPosition) {
    const values = {
      title: input.title,
      category: input.category ?? null,
      approvedFte: input.approvedFte,
      keyPost: input.keyPost ?? null,
      effectiveFrom: day(input.effectiveFrom)!,
      effectiveTo: day(input.effectiveTo),
    }
    const result = await tenantDb().transaction(async (trx) => {
      const target = position ? position.useTransaction(trx) : new StaffingPosition().useTransaction(trx)
      const before: Record<string, unknown> = position ? Object.fromEntries(Object.keys(values).map((key) => [key, position[key as keyof typeof values]])) : {}
      const changes = changedFields(before, values)
      target.merge({ ...values, departmentId })
      await target.save()
      await recomputeOccupancy(trx, [target.id])
      if (!position || changes.length) {
        await recordStaffingChange(trx, { departmentId, positionId: target.id }, actor?.id ?? null, position ? 'position.updated' : 'position.created', changes)
      }
      await target.refresh()
      return target
    })
    await staffingChanged()
    return result
  }
}
