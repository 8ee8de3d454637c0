import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn, submitForm } from '#tests/helpers/http'
import { Mailbox } from '#tests/helpers/mailbox'
import type Tenant from '#tenancy/tenant'

test.group('Identity | admin | users', (group) => {
  let tenant: Tenant
  let host: string
  let adminSession: string

  group.setup(async () => {
    tenant = await ensureTenant('adm_alpha')
    host = hostOf(tenant)
    await ensureUser(tenant, 'admin')
    await ensureUser(tenant, 'executor')
  })

  group.each.setup(async ({ context }) => {
    adminSession = (await signIn(context.client, host, 'admin@adm-alpha.test')).session
  })

  test('the admin sees users and departments', async ({ client }) => {
    const users = await client.get('/admin/users').header('host', host).withCookie(SESSION_COOKIE, adminSession)
    users.assertStatus(200)
    users.assertTextIncludes('executor@adm-alpha.test')
    const departments = await client.get('/admin/departments').header('host', host).withCookie(SESSION_COOKIE, adminSession)
    departments.assertStatus(200)
    departments.assertTextIncludes('Главное управление')
  })

  test('an executor gets 403 on every admin page', async ({ client }) => {
    const { session } = await signIn(client, host, 'executor@adm-alpha.test')
    for (const path of ['/admin/users', '/admin/departments', '/admin/audit']) {
      const response = await client.get(path).header('host', host).withCookie(SESSION_COOKIE, session)
      response.assertStatus(403)
      response.assertTextIncludes('Доступ запрещён')
    }
  })

  test('an invitation with bad input gets per-field messages and creates nothing', async ({ assert, client }) => {
    const before = await inTenant(tenant, async () => (await User.query().count('* as total'))[0].$extras.total)
    const response = await submitForm(client, host, adminSession, '/admin/users', '/admin/users', {
      email: 'nope',
      fullName: '',
      role: 'emperor',
    })
    response.assertTextIncludes('Укажите корректный адрес электронной почты')
    response.assertTextIncludes('Заполните поле «ФИО»')
    response.assertTextIncludes('Выберите значение поля «Роль» из списка')
    const after = await inTenant(tenant, async () => (await User.query().count('* as total'))[0].$extras.total)
    assert.equal(after, before)
  })

  test('invite → the link arrives by e-mail → the person sets a password → signs in', async ({ assert, client, cleanup }) => {
    const mailbox = await new Mailbox().start()
    cleanup(() => mailbox.stop())
    const invite = await submitForm(client, host, adminSession, '/admin/users', '/admin/users', {
      email: 'New.Person@adm-alpha.test',
      fullName: 'Новый Сотрудник',
      role: 'controller',
    })
    invite.assertStatus(200)
    invite.assertTextIncludes('Приглашение для new.person@adm-alpha.test создано и отправлено на почту')
    const link = invite.text().match(/http:\/\/adm-alpha\.localhost:\d+\/invitations\/([\w-]+)/)
    assert.isNotNull(link)
    await mailbox.stop()
    const [letter] = mailbox.to('new.person@adm-alpha.test')
    assert.match(letter.subject!, /^Приглашение в Krai/)
    assert.include(letter.text!, link![0])

    const invitationPath = `/invitations/${link![1]}`
    const form = await client.get(invitationPath).header('host', host)
    form.assertStatus(200)
    const session = form.cookie(SESSION_COOKIE)?.value
    const mismatch = await submitForm(client, host, session, invitationPath, invitationPath, {
      password: 'long-enough-password',
      passwordConfirmation: 'different',
    })
    mismatch.assertTextIncludes('Пароли не совпадают')

    const accepted = await submitForm(client, host, session, invitationPath, invitationPath, {
      password: 'long-enough-password',
      passwordConfirmation: 'long-enough-password',
    })
    accepted.assertTextIncludes('Пароль сохранён')

    const { response } = await signIn(client, host, 'new.person@adm-alpha.test', 'long-enough-password')
    response.assertHeader('location', '/dashboard')

    const reused = await client.get(`/invitations/${link![1]}`).header('host', host)
    reused.assertStatus(404)
  })

  test('deactivating a user ends their access; the audit log shows who did it', async ({ assert, client }) => {
    const target = await ensureUser(tenant, 'department_head')
    const { session: targetSession } = await signIn(client, host, target.email)

    const response = await submitForm(client, host, adminSession, '/admin/users', `/admin/users/${target.id}/deactivate`, {})
    response.assertTextIncludes(`Пользователь ${target.email} отключён`)

    const locked = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, targetSession).redirects(0)
    locked.assertStatus(302)

    const entry = await inTenant(tenant, () =>
      AuditEntry.query().where('action', 'user.deactivated').where('subject_id', String(target.id)).firstOrFail()
    )
    assert.equal(entry.actorEmail, 'admin@adm-alpha.test')
    assert.equal(entry.ip, '127.0.0.1')

    const audit = await client.get('/admin/audit').header('host', host).withCookie(SESSION_COOKIE, adminSession)
    audit.assertTextIncludes('user.deactivated')
  })

  test('an admin cannot deactivate themselves', async ({ client }) => {
    const admin = await ensureUser(tenant, 'admin')
    const response = await submitForm(client, host, adminSession, '/admin/users', `/admin/users/${admin.id}/deactivate`, {})
    response.assertStatus(403)
  })
})
