/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV
 * Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A value as a CSV field that a spreadsheet shows as text and never runs:
 * a string starting like a formula gets a leading `'`; numbers the exporter
 * knows as numbers (a negative one too) stay as they are. The field is
 * quoted when it holds the delimiter, a quote or a line break.
 */
export function csvCell(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'number' || typeof value === 'bigint') text = String(value)
  else if (typeof value === 'boolean') text = value ? 'true' : 'false'
  else if (value instanceof Date) text = value.toISOString()
  else {
    text = String(value)
    if (FORMULA_START.test(text)) text = `'${text}`
  }
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line (without its line break) from the values of a row. */
export function csvLine(values: unknown[], delimiter = ','): string {
  return values.map((value) => csvCell(value, delimiter)).join(delimiter)
}
