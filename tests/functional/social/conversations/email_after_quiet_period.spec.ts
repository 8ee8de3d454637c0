import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import User from '#modules/identity/models/user'
import EmailUnreadMessagesJob from '#modules/social/conversations/jobs/email_unread_messages_job'
import { markRead, touchPresence } from '#modules/social/conversations/actions/mark_read'
import { inTenant } from '#tests/helpers/tenants'
import { Mailbox } from '#tests/helpers/mailbox'
import { conversationsPortal, sendMessage, socialProfile, startConversation, type ConversationsPortal } from '#tests/helpers/social_conversations'

let portal: ConversationsPortal

/** The unread messages of a member have waited `minutes` (the clock is not moved: the wait is). */
function waited(conversationId: number, minutes: number) {
  return inTenant(portal.tenant, async () => {
    const at = new Date(clockDate().getTime() - minutes * 60_000)
    await tenantDb().from('social_conversation_members').where('conversation_id', conversationId).whereNotNull('first_unread_at').update({ first_unread_at: at })
    await tenantDb().from('social_messaging_presence').update({ seen_at: at })
  })
}

const runJob = () => inTenant(portal.tenant, () => new EmailUnreadMessagesJob().handle())

test.group('Social | conversations | in-app notification and e-mail after a quiet period', (group) => {
  let mailbox: Mailbox

  group.setup(async () => {
    portal = await conversationsPortal('conv_mail')
  })
  group.each.setup(async () => {
    mailbox = await new Mailbox().start()
    await inTenant(portal.tenant, async () => {
      await tenantDb().from('social_conversations').delete()
      await tenantDb().from('social_profiles').delete()
      await tenantDb().from('social_messaging_presence').delete()
      await tenantDb().from('users').update({ email_notifications: true, locale: null })
    })
    return () => mailbox.stop()
  })

  test('a new message: one in-app notification per unread streak, no e-mail at once; after 15 quiet minutes one e-mail, never twice', async ({ assert }) => {
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.boris], 'Секретный текст письма')
    await sendMessage(portal.tenant, portal.anna, conversationId, 'Второе сообщение')
    const notifications = await inTenant(portal.tenant, () => tenantDb().from('notifications').where({ user_id: portal.boris.id, kind: 'social.message' }).select('link', 'email_status', 'read_at'))
    assert.lengthOf(notifications, 1)
    assert.equal(notifications[0].link, `/messages/${conversationId}`)
    assert.equal(notifications[0].email_status, 'skipped')

    assert.deepEqual(await runJob(), { sent: 0, skipped: 0, failed: 0 })
    await waited(conversationId, 16)
    assert.deepEqual(await runJob(), { sent: 1, skipped: 0, failed: 0 })
    const [mail] = mailbox.to(portal.boris.email)
    assert.include(mail.subject!, '2 непрочитанных сообщения')
    assert.include(mail.text!, `http://conv-mail.localhost:${process.env.PORT}/messages/${conversationId}`)
    assert.notInclude(mail.text!, 'Секретный текст')
    assert.notInclude(String(mail.html), 'Секретный текст')
    assert.lengthOf(mailbox.to(portal.anna.email), 0)

    // more messages in the same streak: no second e-mail
    await sendMessage(portal.tenant, portal.anna, conversationId, 'Третье')
    await waited(conversationId, 30)
    assert.deepEqual(await runJob(), { sent: 0, skipped: 0, failed: 0 })

    // read, then a new streak: a new notification and, after the quiet period, a new e-mail
    const last = await sendMessage(portal.tenant, portal.anna, conversationId, 'Четвёртое')
    await inTenant(portal.tenant, () => markRead(conversationId, portal.boris.id, last))
    const read = await inTenant(portal.tenant, () => tenantDb().from('notifications').where({ user_id: portal.boris.id, kind: 'social.message' }).whereNull('read_at').count('* as n').first())
    assert.equal(Number(read.n), 0)
    await sendMessage(portal.tenant, portal.anna, conversationId, 'Пятое')
    await waited(conversationId, 20)
    assert.deepEqual(await runJob(), { sent: 1, skipped: 0, failed: 0 })
    assert.lengthOf(mailbox.to(portal.boris.email), 2)
    assert.deepEqual(await runJob(), { sent: 0, skipped: 0, failed: 0 })
  })

  test('no e-mail while the recipient is around, nor when they turned e-mails off (digest or account setting)', async ({ assert }) => {
    const conversationId = await startConversation(portal.tenant, portal.vera, [portal.gleb, portal.dina, portal.boris], 'Всем', '<script>alert(1)</script> Двор')
    await waited(conversationId, 20)
    // gleb looked at his messages a minute ago
    await inTenant(portal.tenant, () => touchPresence(portal.gleb.id))
    await socialProfile(portal.tenant, portal.dina, { email_digest: false })
    await inTenant(portal.tenant, async () => {
      const boris = await User.findOrFail(portal.boris.id)
      boris.merge({ emailNotifications: false, locale: 'en' })
      await boris.save()
    })
    assert.deepEqual(await runJob(), { sent: 0, skipped: 2, failed: 0 })
    assert.lengthOf(mailbox.messages, 0)
    // gleb went away: he gets his e-mail, its title escaped
    await waited(conversationId, 20)
    assert.deepEqual(await runJob(), { sent: 1, skipped: 0, failed: 0 })
    const [mail] = mailbox.to(portal.gleb.email)
    assert.notInclude(String(mail.html), '<script>')
    assert.include(String(mail.html), '&lt;script&gt;')
  })
})
