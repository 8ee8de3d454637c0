import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import env from '#start/env'
import { regionTodayIso } from '#core/region_time'
import type { DraftKind } from '#modules/lawmaking/models/draft'

/** Russian practice: a regional draft is discussed for at least 15 calendar days. */
const DEFAULT_MINIMUM_DAYS = 15

/** Translates a message key of `lawmaking_office.*` (the controller passes i18n.t; jobs and tests get the key). */
export type Translate = (key: string, data?: Record<string, unknown>) => string
export const untranslated: Translate = (key, data) => (data ? `${key} ${JSON.stringify(data)}` : key)

/**
 * The shortest consultation period of a kind of act, in calendar days
 * counting both ends. LAWMAKING_MIN_CONSULTATION_DAYS overrides it per kind:
 * `law=30,decree=15,resolution=15,municipal_act=15` (kinds not named keep 15).
 */
export function minimumConsultationDays(kind: DraftKind) {
  for (const pair of (env.get('LAWMAKING_MIN_CONSULTATION_DAYS') ?? '').split(',')) {
    const [name, days] = pair.split('=').map((part) => part.trim())
    if (name === kind && Number.isInteger(Number(days)) && Number(days) > 0) return Number(days)
  }
  return DEFAULT_MINIMUM_DAYS
}

/** Calendar days of a period, both ends counted. */
export function periodDays(startsOn: DateTime, endsOn: DateTime) {
  return Math.round(endsOn.startOf('day').diff(startsOn.startOf('day'), 'days').days) + 1
}

/**
 * Refuses (422, per field) a consultation period that starts in the past,
 * ends before it starts, or is shorter than the kind's minimum.
 */
export function assertConsultationPeriod(kind: DraftKind, startsOn: DateTime, endsOn: DateTime, t: Translate = untranslated) {
  const minimum = minimumConsultationDays(kind)
  if (startsOn.toISODate()! < regionTodayIso()) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'consultationStartsOn', rule: 'lawmaking.period_past', message: t('lawmaking_office.errors.period_past') }])
  }
  if (periodDays(startsOn, endsOn) < minimum) {
    throw new vineErrors.E_VALIDATION_ERROR([
      {
        field: 'consultationEndsOn',
        rule: 'lawmaking.period_too_short',
        message: t('lawmaking_office.errors.period_too_short', { minimum, earliest: startsOn.plus({ days: minimum - 1 }).toFormat('dd.LL.yyyy') }),
      },
    ])
  }
}
