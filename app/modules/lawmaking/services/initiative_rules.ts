import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { appendTimelineEntry } from '#modules/lawmaking/services/timeline'
import { DateTime } from 'luxon'
import env from '#start/env'
import type { DraftLevel } from '#modules/lawmaking/models/draft'

/**
 * The settings of citizens' initiatives and their public timeline.
 */

/** Supporters that make an initiative of this level ready to forward (LAWMAKING_INITIATIVE_THRESHOLD_REGIONAL / _MUNICIPAL). */
export function supportThreshold(level: DraftLevel) {
  return level === 'regional'
    ? (env.get('LAWMAKING_INITIATIVE_THRESHOLD_REGIONAL') ?? 1000)
    : (env.get('LAWMAKING_INITIATIVE_THRESHOLD_MUNICIPAL') ?? 100)
}

/** Calendar days the authority has to answer a forwarded initiative (LAWMAKING_INITIATIVE_ANSWER_DAYS). */
export function answerDays() {
  return env.get('LAWMAKING_INITIATIVE_ANSWER_DAYS') ?? 30
}

/** Initiatives a citizen may submit per day (LAWMAKING_INITIATIVES_PER_DAY). */
export function initiativesPerDay() {
  return env.get('LAWMAKING_INITIATIVES_PER_DAY') ?? 3
}

/** Days before the due day on which the department is reminded. */
export const REMIND_DAYS_BEFORE = 3

export type InitiativeEventKind =
  | 'submitted'
  | 'published'
  | 'rejected'
  | 'threshold_reached'
  | 'forwarded'
  | 'received'
  | 'answered'
  | 'expert_invited'
  | 'conclusion_filed'

/**
 * Adds an entry to an initiative's timeline (append-only: the table's
 * trigger refuses updates and deletes). `occurredAt` is when it happened,
 * in a body perhaps earlier than when the bus brought it.
 */
export function recordInitiativeEvent(
  trx: TransactionClientContract,
  initiativeId: number,
  kind: InitiativeEventKind,
  data: Record<string, unknown> = {},
  occurredAt: DateTime = DateTime.now()
) {
  return appendTimelineEntry(trx, 'lawmaking_initiative_events', { initiative_id: initiativeId }, kind, data, occurredAt)
}
