import { DateTime } from 'luxon'

export const KEY_POSTS = ['head', 'deputy', 'chief_accountant'] as const
export type KeyPost = (typeof KEY_POSTS)[number]
export const POSITION_STATUSES = ['filled', 'acting', 'vacant'] as const
export type PositionStatus = (typeof POSITION_STATUSES)[number]
export const RISK_LEVELS = ['green', 'amber', 'red'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

/** A tenant's thresholds (defaults from the domain: 95 / 85 %, 90 days, 15 % a year). */
export interface StaffingThresholds {
  greenMin: number
  amberMin: number
  actingHeadDays: number
  vacancyDays: number
  turnoverMax: number
}

export const DEFAULT_THRESHOLDS: StaffingThresholds = { greenMin: 95, amberMin: 85, actingHeadDays: 90, vacancyDays: 90, turnoverMax: 15 }

/** What the rules need to know of one position in force. */
export interface PositionFacts {
  title: string
  keyPost: KeyPost | null
  status: PositionStatus
  vacantSince: string | null
  actingSince: string | null
}

/** One reason a department is at risk; `key` is the i18n key under `staffing.risks.`. */
export interface RiskReason {
  level: Exclude<RiskLevel, 'green'>
  key: 'low_completeness' | 'vacant_key_post' | 'acting_head' | 'long_vacancy' | 'turnover'
  params: Record<string, string | number>
}

export interface Assessment {
  completeness: number | null
  level: RiskLevel | null
  reasons: RiskReason[]
}

/** actual ÷ approved × 100, rounded to 0.1; null without approved posts. */
export function completeness(actualFte: number, approvedFte: number): number | null {
  if (!(approvedFte > 0)) return null
  return Math.round((actualFte / approvedFte) * 1000) / 10
}

/** Departures in the last year ÷ headcount × 100 (a department without staff counts as 1 person). */
export function turnover(departures: number, headcount: number): number {
  return Math.round((departures / Math.max(headcount, 1)) * 1000) / 10
}

export function levelFor(percent: number, thresholds: StaffingThresholds): RiskLevel {
  if (percent >= thresholds.greenMin) return 'green'
  if (percent >= thresholds.amberMin) return 'amber'
  return 'red'
}

/** Whole days from `day` to `today`. */
export function daysSince(day: string, today: DateTime) {
  return Math.floor(today.startOf('day').diff(DateTime.fromISO(day).startOf('day'), 'days').days)
}

/** A vacancy counts as long once it has been open more than `vacancyDays` days (SQL mirrors this: vacant_since < today − days). */
export function isLongVacancy(vacantSince: string, thresholds: StaffingThresholds, today: DateTime = DateTime.now()) {
  return daysSince(vacantSince, today) > thresholds.vacancyDays
}

/** The figures of a department (or a block) the rules read. */
export interface StaffingFigures {
  approvedFte: number
  actualFte: number
  /** Vacant positions (nobody acting) whose vacancy is older than the threshold. */
  longVacancies: number
  /** People who left a filled post in the last 12 months. */
  departures: number
  /** People holding a post now. */
  headcount: number
}

/**
 * The risk level of a department (or a whole block) and every reason for it:
 * the completeness band; always red for a vacant key post or a head acting
 * for longer than allowed; amber for vacancies open too long or turnover
 * above the limit. The worst reason decides the level.
 */
export function assess(
  figures: StaffingFigures,
  keyPosts: PositionFacts[],
  thresholds: StaffingThresholds,
  today: DateTime = DateTime.now()
): Assessment {
  const percent = completeness(figures.actualFte, figures.approvedFte)
  const reasons: RiskReason[] = []
  if (percent !== null) {
    const band = levelFor(percent, thresholds)
    if (band !== 'green') reasons.push({ level: band, key: 'low_completeness', params: { percent } })
  }
  for (const position of keyPosts) {
    if (position.keyPost && position.status === 'vacant') {
      reasons.push({ level: 'red', key: 'vacant_key_post', params: { post: position.keyPost, title: position.title } })
    }
    if (position.keyPost === 'head' && position.status === 'acting' && position.actingSince) {
      const days = daysSince(position.actingSince, today)
      if (days > thresholds.actingHeadDays) reasons.push({ level: 'red', key: 'acting_head', params: { title: position.title, days } })
    }
  }
  if (figures.longVacancies > 0) {
    reasons.push({ level: 'amber', key: 'long_vacancy', params: { count: figures.longVacancies, days: thresholds.vacancyDays } })
  }
  const rate = turnover(figures.departures, figures.headcount)
  if (figures.departures > 0 && rate > thresholds.turnoverMax) reasons.push({ level: 'amber', key: 'turnover', params: { percent: rate } })

  const worst = reasons.some((reason) => reason.level === 'red') ? 'red' : reasons.length ? 'amber' : 'green'
  reasons.sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1))
  return { completeness: percent, level: percent === null && !reasons.length ? null : worst, reasons }
}
