import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { currentQuarter, type Period } from '#modules/effectiveness/services/effectiveness_query'
import { REGION_ZONE } from '#core/region_time'

const day = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** The period (default: the current quarter) and the drill-down of an effectiveness page. */
export const effectivenessQueryValidator = vine.create({
  from: day().optional(),
  to: day().afterOrSameAs('from').optional(),
  block: vine.string().regex(/^[a-z][a-z0-9_]{1,40}$/).optional(),
  department: vine.number().positive().withoutDecimals().optional(),
})

const toDay = (value: Date) => DateTime.fromObject({ year: value.getFullYear(), month: value.getMonth() + 1, day: value.getDate() }, { zone: REGION_ZONE })

/** The chosen period; a missing end is the end of the current quarter, a missing start the start of the end's quarter. */
export function periodOf(input: { from?: Date; to?: Date }): Period {
  const quarter = currentQuarter()
  const to = input.to ? toDay(input.to) : input.from ? toDay(input.from).endOf('quarter').startOf('day') : quarter.to
  const from = input.from ? toDay(input.from) : input.to ? to.startOf('quarter') : quarter.from
  return { from, to }
}
