import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'

/** A quarter as the method names it: `2026-Q4`. */
export type Quarter = string

const QUARTER = /^(\d{4})-Q([1-4])$/

export function isQuarter(value: unknown): value is Quarter {
  return typeof value === 'string' && QUARTER.test(value)
}

/** The quarter a moment falls in, by the region's calendar. */
export function quarterOf(moment: DateTime): Quarter {
  const local = moment.setZone(REGION_ZONE)
  return `${local.year}-Q${Math.ceil(local.month / 3)}`
}

/** The quarter now, by the platform's clock. */
export function currentQuarter(): Quarter {
  return quarterOf(DateTime.now())
}

function parts(quarter: Quarter) {
  const match = QUARTER.exec(quarter)
  if (!match) throw new Error(`Not a quarter: "${quarter}" (expected e.g. 2026-Q4)`)
  return { year: Number(match[1]), number: Number(match[2]) }
}

/** The first moment of the quarter, in the region. */
export function quarterStart(quarter: Quarter): DateTime {
  const { year, number } = parts(quarter)
  return DateTime.fromObject({ year, month: (number - 1) * 3 + 1, day: 1 }, { zone: REGION_ZONE })
}

/** The first moment after the quarter, in the region. */
export function quarterEnd(quarter: Quarter): DateTime {
  return quarterStart(quarter).plus({ months: 3 })
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarterOf(quarterStart(quarter).minus({ days: 1 }))
}

export function nextQuarter(quarter: Quarter): Quarter {
  return quarterOf(quarterEnd(quarter))
}

/** Whether the quarter has ended by the platform's clock. */
export function hasEnded(quarter: Quarter) {
  return quarterEnd(quarter) <= DateTime.now()
}
