import { test } from '@japa/runner'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { hostOf } from '#tests/helpers/tenants'

const PORT = process.env.PORT
const SLUG = 'phone_menu_portal'

/** A portal with the demo region's long name: on a phone the menu toggle wraps to a row of its own, at the left. */
async function longNamedPortal() {
  return (
    (await tenantRegistry.findBySlug(SLUG)) ??
    (await tenantProvisioner.create({ slug: SLUG, kind: 'portal', nameRu: 'Открытый регион — портал граждан', nameEn: 'Open Region public portal' }, { rebuildRollup: false }))
  )
}

test.group('Layout | the phone menu', () => {
  test('opens on the screen at 320, 360 and 390 px, its groups too, even when the toggle sits at the left', async ({ browser, assert }) => {
    const host = hostOf(await longNamedPortal())
    for (const width of [320, 360, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } })
      const page = await context.newPage()
      await page.goto(`http://${host}:${PORT}/`)
      await page.locator('.menu__toggle').click()
      await page.locator('.submenu__toggle').first().click()
      // a string: the test's TypeScript has no DOM types
      const boxes = await page.evaluate<Array<{ what: string; left: number; right: number; width: number }>>(`
        [document.querySelector('.menu__panel'), ...document.querySelectorAll('.menu__panel .nav > li, .submenu[open] .submenu__list a')].map((element) => {
          const box = element.getBoundingClientRect()
          return { what: element.textContent.trim().slice(0, 30), left: box.left, right: box.right, width: box.width }
        })`)
      assert.isAbove(boxes.length, 3)
      for (const box of boxes) {
        assert.isAtLeast(box.left, 0, `${width} px: «${box.what}» starts off the screen`)
        assert.isAtMost(box.right, width, `${width} px: «${box.what}» ends off the screen`)
        assert.isAbove(box.width, 0, `${width} px: «${box.what}» has no width`)
      }
      await context.close()
    }
  }).timeout(120_000)
})
