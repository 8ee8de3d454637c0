/** The largest id an `integer` (int4) column holds: a larger one from a URL is no row, not a database error. */
export const MAX_ROW_ID = 2_147_483_647

/** Whether a value is an id a table of ours can hold (a positive int4). */
export function isRowId(value: number) {
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_ROW_ID
}
