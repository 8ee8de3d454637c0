import { createRequire } from 'node:module'
import type { Page } from 'playwright'

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) over the page as it is now and
 * returns one line per violation — `<label>: rule (impact) help — elements` —
 * so a test asserts an empty list and a failure names what to fix.
 */
export async function axeViolations(page: Page, label = page.url()) {
  await page.addScriptTag({ path: AXE_SCRIPT })
  const violations = await page.evaluate<Violation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) })))`)
  return violations.map(
    (violation) => `${label}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`
  )
}
