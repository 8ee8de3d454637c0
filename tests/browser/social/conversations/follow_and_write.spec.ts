import { test } from '@japa/runner'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'
import { conversationsPortal, resetLimits, type ConversationsPortal } from '#tests/helpers/social_conversations'

let portal: ConversationsPortal

test.group('Social | conversations | browser: two citizens follow each other and write from a profile', (group) => {
  group.setup(async () => {
    portal = await conversationsPortal('conv_follow_browser')
    await resetLimits(portal.tenant, [portal.anna, portal.boris, portal.vera])
  })

  test('Boris lets only people he follows write to him; Anna and Boris follow each other; Anna writes from his profile and Boris finds it in his conversations; Vera is not offered to write', async ({ browser, assert }) => {
    const origin = browserOrigin(portal.host)
    const borisContext = await browser.newContext()
    const annaContext = await browser.newContext()
    const veraContext = await browser.newContext()
    try {
      const boris = await borisContext.newPage()
      await signInAs(boris, portal.host, portal.boris.email)
      await boris.goto(`${origin}/people/me/privacy`)
      await boris.getByLabel('Кто может писать мне').selectOption({ label: 'Люди, на которых я подписан(а)' })
      await boris.getByRole('button', { name: 'Сохранить' }).click()
      await boris.waitForLoadState('load')

      // Anna follows Boris: not enough to write to him
      const anna = await annaContext.newPage()
      await signInAs(anna, portal.host, portal.anna.email)
      await anna.goto(`${origin}/people/${portal.boris.id}`)
      await anna.locator(`[data-follow="user:${portal.boris.id}"] button`).click()
      await anna.locator(`[data-follow="user:${portal.boris.id}"]`).getByText('Отписаться').waitFor()
      assert.equal(await anna.locator('[data-followers]').innerText(), '1')
      assert.equal(await anna.locator('[data-write-message]').count(), 0, 'Boris follows nobody yet')

      // Boris follows Anna back; now she may write to him, from his profile
      await boris.goto(`${origin}/people/${portal.anna.id}`)
      await boris.locator(`[data-follow="user:${portal.anna.id}"] button`).click()
      await boris.locator(`[data-follow="user:${portal.anna.id}"]`).getByText('Отписаться').waitFor()

      await anna.goto(`${origin}/people/${portal.boris.id}`)
      await anna.locator('[data-write-message]').click()
      await anna.getByLabel('Сообщение', { exact: true }).fill('Борис, спасибо за подписку! Обсудим остановку?')
      await anna.getByRole('button', { name: 'Начать беседу' }).click()
      await anna.waitForURL(/\/messages\/\d+$/)

      // (live delivery into an open conversation is live_conversation.spec.ts's)
      await boris.goto(`${origin}/messages`)
      await boris.getByText('Обсудим остановку?').first().waitFor()

      // Vera, whom Boris does not follow, is not offered to write to him
      const vera = await veraContext.newPage()
      await signInAs(vera, portal.host, portal.vera.email)
      await vera.goto(`${origin}/people/${portal.boris.id}`)
      await vera.locator(`[data-follow="user:${portal.boris.id}"]`).waitFor()
      assert.equal(await vera.locator('[data-write-message]').count(), 0)
    } finally {
      await borisContext.close()
      await annaContext.close()
      await veraContext.close()
    }
  })
})
