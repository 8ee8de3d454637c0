import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { axeViolations } from '#tests/helpers/axe'
import { conversationsPortal, resetLimits, startConversation, type ConversationsPortal } from '#tests/helpers/social_conversations'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: ConversationsPortal
const origin = () => browserOrigin(portal.host)

const BADGE_IS_ONE = `document.querySelector('.site-header a[href="/messages"] [data-nav-badge]')?.textContent === '1'`
const badge = (page: Page) => page.locator('.site-header a[href="/messages"] [data-nav-badge]')

test.group('Social | conversations | browser: two citizens write to each other live', (group) => {
  group.setup(async () => {
    portal = await conversationsPortal('conv_browser')
    await resetLimits(portal.tenant, [portal.anna, portal.boris])
  })

  test('A writes, B sees it without reloading (SSE); B has read it, so A sees the read mark; the unread badge follows', async ({ browser, assert }) => {
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.boris], 'Борис, добрый день!')
    // another unread conversation of Boris keeps one on the badge
    await startConversation(portal.tenant, portal.vera, [portal.boris], 'Борис, это Вера')

    const borisContext = await browser.newContext()
    const annaContext = await browser.newContext()
    try {
    const boris = await borisContext.newPage()
    await signInAs(boris, portal.host, portal.boris.email)
    await boris.goto(`${origin()}/messages`)
    assert.equal(await badge(boris).textContent(), '2')
    await boris.goto(`${origin()}/messages/${conversationId}`)
    await boris.locator('[data-conversation-page][data-live="sse"]').waitFor()
    // opening the conversation read its message: the badge drops to the other conversation's one, without reload
    await boris.waitForFunction(BADGE_IS_ONE)

    const anna = await annaContext.newPage()
    await signInAs(anna, portal.host, portal.anna.email)
    await anna.goto(`${origin()}/messages/${conversationId}`)
    await anna.getByLabel('Сообщение', { exact: true }).fill('Посмотрите https://example.org/bus-stop <b>срочно</b>')
    await anna.getByRole('button', { name: 'Отправить' }).click()
    await anna.waitForLoadState('load')
    await anna.locator('[data-conversation-page][data-live="sse"]').waitFor()

    // Boris's page, never reloaded, shows it: text as text, the link showing its own address
    const arrived = boris.locator('[data-message]').filter({ hasText: 'срочно' })
    await arrived.waitFor({ timeout: 10_000 })
    assert.equal(await arrived.locator('.message__body').textContent(), 'Посмотрите https://example.org/bus-stop <b>срочно</b>')
    assert.equal(await arrived.locator('a[href="https://example.org/bus-stop"]').textContent(), 'https://example.org/bus-stop')
    assert.equal(await arrived.locator('b').count(), 0)
    // he has seen it: the badge still counts only Vera's conversation
    await boris.waitForFunction(BADGE_IS_ONE)

    // Anna's page hears that Boris read it: the read mark appears on her message
    await anna.locator('[data-message]').filter({ hasText: 'срочно' }).locator('[data-read-mark]:not([hidden])').waitFor({ timeout: 10_000 })

    // Boris answers; Anna's page shows it live
    await boris.getByLabel('Сообщение', { exact: true }).fill('Уже еду')
    await boris.getByRole('button', { name: 'Отправить' }).click()
    await anna.locator('[data-message]').filter({ hasText: 'Уже еду' }).waitFor({ timeout: 10_000 })

    // a phone: the conversation still fits the screen
    await boris.setViewportSize({ width: 375, height: 740 })
    await boris.goto(`${origin()}/messages/${conversationId}`)
    const overflow = await boris.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    assert.isAtMost(overflow, 1)

    // axe: its script is injected inline, which the pages' CSP rightly forbids, so in a context of its own
    const audit = await (await browser.newContext({ bypassCSP: true })).newPage()
    try {
      await signInAs(audit, portal.host, portal.boris.email)
      for (const path of ['/messages', `/messages/${conversationId}`, '/messages/new', '/messages/blocks']) {
        await audit.goto(`${origin()}${path}`, { waitUntil: 'load' })
        assert.deepEqual(await axeViolations(audit, path), [])
      }
    } finally {
      await audit.context().close()
    }
    } finally {
      // an open event stream would keep the test server from closing
      await annaContext.close()
      await borisContext.close()
    }
  })

  test('without EventSource the page polls the messages JSON and still shows new messages', async ({ browser }) => {
    const conversationId = await startConversation(portal.tenant, portal.gleb, [portal.dina], 'Начнём')
    const context = await browser.newContext()
    // an old browser, or a proxy that breaks streams
    await context.addInitScript('delete window.EventSource')
    try {
    const dina = await context.newPage()
    await signInAs(dina, portal.host, portal.dina.email)
    await dina.goto(`${origin()}/messages/${conversationId}`)
    await dina.locator('[data-conversation-page][data-live="polling"]').waitFor()
    const { sendMessage } = await import('#tests/helpers/social_conversations')
    await sendMessage(portal.tenant, portal.gleb, conversationId, 'Опрос работает')
    await dina.locator('[data-message]').filter({ hasText: 'Опрос работает' }).waitFor({ timeout: 15_000 })
    } finally {
      await context.close()
    }
  })
})
