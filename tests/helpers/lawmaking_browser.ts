import type { Browser, BrowserContextOptions, Page } from 'playwright'
import type Tenant from '#tenancy/tenant'
import { tenantDb } from '#tenancy/tenant_model'
import { queueService } from '#queue/queue_service'
import PublishSummaryJob, { type PublishSummaryPayload } from '#modules/lawmaking/jobs/publish_summary_job'
import { PUBLISH_SUMMARY_JOB } from '#modules/lawmaking/services/published_summaries'
import { inTenant } from '#tests/helpers/tenants'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

/** The address of a tenant's host on the test server. */
export const origin = browserOrigin

/**
 * A person in a browser of their own (own cookies): signed in on `host` with
 * the login form. Whatever the pages print to the console as an error, and any
 * uncaught script error, is added to `consoleErrors` with the page's address.
 * `contextOptions` go to the new context (e.g. `bypassCSP` for axe).
 */
export async function personIn(browser: Browser, host: string, email: string, consoleErrors: string[], contextOptions: BrowserContextOptions = {}) {
  const context = await browser.newContext(contextOptions)
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
  await signInAs(page, host, email)
  return page
}

/** Closes the people's browsers. */
export async function leave(...pages: Page[]) {
  for (const page of pages) await page.context().close()
}

/** The `data-event` kinds of a timeline on the page, in the order shown. */
export function timelineOf(page: Page, selector = '.timeline [data-event]') {
  return page.locator(selector).evaluateAll((items) => items.map((item) => item.getAttribute('data-event')!))
}

/**
 * The worker's turn for the summary of proposals of a draft's version in one
 * language on the portal: runs the queued job of its current generation (in
 * the portal's scope) and takes it off the queue. Returns what the job says.
 */
export async function runSummaryJob(portal: Tenant, draftId: number, versionNumber: number, locale: string) {
  return inTenant(portal, async () => {
    const row = await tenantDb().from('lawmaking_summaries').where({ draft_id: draftId, version_number: versionNumber, locale }).orderBy('generation', 'desc').firstOrFail()
    const job = await queueService.queue.getJob(`${PUBLISH_SUMMARY_JOB}.${portal.slug}.${draftId}.${versionNumber}.${locale}.${row.generation}`)
    if (!job) throw new Error(`no summary job of draft ${draftId} v${versionNumber} (${locale}) in the queue`)
    const result = await new PublishSummaryJob().handle(job.data.payload as unknown as PublishSummaryPayload)
    await job.remove()
    return result
  })
}
