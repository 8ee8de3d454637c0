import { tenantDb } from '#tenancy/tenant_model'
import { staffingChanged } from '#modules/staffing/services/figures_cache'
import { DEFAULT_THRESHOLDS, type StaffingThresholds } from '#modules/staffing/services/risk_rules'
import { clockDate } from '#core/clock'

/** The tenant's risk thresholds (the defaults until an admin changes them). */
export async function loadThresholds(): Promise<StaffingThresholds> {
  const row = await tenantDb().from('staffing_settings').where('id', 1).first()
  if (!row) return { ...DEFAULT_THRESHOLDS }
  return {
    greenMin: Number(row.green_min),
    amberMin: Number(row.amber_min),
    actingHeadDays: Number(row.acting_head_days),
    vacancyDays: Number(row.vacancy_days),
    turnoverMax: Number(row.turnover_max),
  }
}

export async function saveThresholds(thresholds: StaffingThresholds) {
  const values = {
    green_min: thresholds.greenMin,
    amber_min: thresholds.amberMin,
    acting_head_days: thresholds.actingHeadDays,
    vacancy_days: thresholds.vacancyDays,
    turnover_max: thresholds.turnoverMax,
    updated_at: clockDate(),
  }
  await tenantDb().table('staffing_settings').insert({ id: 1, ...values }).onConflict('id').merge()
  await staffingChanged()
}
