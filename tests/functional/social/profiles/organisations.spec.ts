import { test } from '@japa/runner'
import { inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'
import { postFrom, postJson } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { pageOf, rowOf, socialPortal, type SocialPortal } from '#tests/helpers/social_profiles'
import { publicNames } from '#modules/social/profiles/public_names'

let portal: SocialPortal
let organisationId: number
const XSS = '<script>alert(1)</script>'

const application = (over: Record<string, string> = {}) => ({
  name: 'Общество защиты пешеходов',
  inn: '2310031475',
  ogrn: '',
  description: `Добровольное объединение жителей Краснодара за безопасные переходы. ${XSS}`,
  site: 'https://pedestrians.example',
  'subjects[0]': 'transport',
  'subjects[1]': 'safety',
  ...over,
})

test.group('Social profiles | organisations: application, verification, members', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spo_portal')
  })

  test('an application with bad fields is a 422 per field; a good one waits for a moderator, seen only by its members and moderators', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const cases: [Record<string, string>, string][] = [
      [{ name: 'Оо' }, 'name'],
      [{ inn: '12345' }, 'inn'],
      [{ ogrn: '12' }, 'ogrn'],
      [{ description: 'Коротко' }, 'description'],
      [{ site: 'javascript:alert(1)' }, 'site'],
    ]
    for (const [change, field] of cases) {
      const refused = await postJson(client, portal.host, anna, '/organisations/new', '/organisations', application(change))
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, field, JSON.stringify(change))
    }
    const noSubjects = await postJson(client, portal.host, anna, '/organisations/new', '/organisations', { name: 'Без тем', description: 'Описание организации без единой темы вообще.' })
    noSubjects.assertStatus(422)
    assert.equal(noSubjects.body().errors[0].field, 'subjects')

    const created = await postJson(client, portal.host, anna, '/organisations/new', '/organisations', application())
    created.assertStatus(200)
    organisationId = created.body().id
    assert.equal(created.body().status, 'pending')
    assert.equal((await rowOf(portal.tenant, 'social_organisation_members', { organisation_id: organisationId, user_id: portal.anna.id })).role, 'owner')
    // pending: its owner sees it (noindex), a stranger and a guest get 404, the public list does not have it
    const own = await pageOf(client, portal.host, `/organisations/${organisationId}`, anna)
    own.assertStatus(200)
    assert.include(own.text(), 'name="robots"')
    assert.include(own.text(), '&lt;script&gt;')
    assert.notInclude(own.text(), XSS)
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    ;(await pageOf(client, portal.host, `/organisations/${organisationId}`, boris)).assertStatus(404)
    ;(await pageOf(client, portal.host, `/organisations/${organisationId}`)).assertStatus(404)
    assert.notInclude((await pageOf(client, portal.host, '/organisations')).text(), 'Общество защиты пешеходов')
    // no badge before verification
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`)).text(), 'data-badge="organisation"')
  })

  test('a moderator verifies it (audited, the applicant notified): the page opens, members get the badge; citizens cannot review; rejection needs a reason', async ({ assert, client }) => {
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    ;(await pageOf(client, portal.host, '/organisations/moderation', boris)).assertStatus(403)
    ;(await postJson(client, portal.host, boris, `/people/${portal.boris.id}`, `/organisations/${organisationId}/verify`, {})).assertStatus(403)

    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const queue = await pageOf(client, portal.host, '/organisations/moderation', moderator)
    queue.assertStatus(200)
    assert.include(queue.text(), `data-application="${organisationId}"`)
    const noReason = await postJson(client, portal.host, moderator, '/organisations/moderation', `/organisations/${organisationId}/reject`, { reason: '' })
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    const verified = await postFrom(client, portal.host, moderator, '/organisations/moderation', `/organisations/${organisationId}/verify`, {})
    verified.response.assertStatus(302)
    const audit = await inTenant(portal.tenant, () =>
      tenantDb().from('audit_entries').where({ action: 'social.organisation_verified', subject_id: String(organisationId) }).first()
    )
    assert.equal(audit.actor_id, portal.moderator.id)
    const notification = await rowOf(portal.tenant, 'notifications', { user_id: portal.anna.id, kind: 'social.organisation_verified' })
    assert.equal(notification.link, `/organisations/${organisationId}`)

    const page = await pageOf(client, portal.host, `/organisations/${organisationId}`)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'name="robots"')
    assert.include(page.text(), `data-member="${portal.anna.id}"`)
    assert.include((await pageOf(client, portal.host, '/organisations')).text(), 'Общество защиты пешеходов')
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`)).text(), 'data-badge="organisation"')
    const names = await inTenant(portal.tenant, () => publicNames([portal.anna.id]))
    assert.deepEqual(names.get(portal.anna.id)?.badges, ['organisation'])
    assert.include((await pageOf(client, portal.host, '/subjects/safety')).text(), 'Общество защиты пешеходов')
    // people follow it
    await postFrom(client, portal.host, boris, `/organisations/${organisationId}`, '/follows', { targetType: 'organisation', targetKey: String(organisationId) })
    assert.exists(await rowOf(portal.tenant, 'social_follows', { follower_id: portal.boris.id, target_type: 'organisation', target_key: String(organisationId) }))
  })

  test('the owner invites, the invited accepts or declines; the owner removes; members leave; the last owner cannot; others manage nothing (404)', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const page = `/organisations/${organisationId}`
    const invited = await postFrom(client, portal.host, anna, page, `${page}/members`, { userId: String(portal.vera.id), role: 'editor' })
    invited.response.assertStatus(302)
    assert.exists(await rowOf(portal.tenant, 'notifications', { user_id: portal.vera.id, kind: 'social.organisation_invited' }))
    const twice = await postJson(client, portal.host, anna, page, `${page}/members`, { userId: String(portal.vera.id), role: 'member' })
    twice.assertStatus(422)
    const nobody = await postJson(client, portal.host, anna, page, `${page}/members`, { userId: '999999', role: 'member' })
    nobody.assertStatus(422)
    assert.equal(nobody.body().errors[0].field, 'userId')

    // not a member yet: no badge until accepted
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.vera.id}`)).text(), 'data-badge="organisation"')
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const invitation = await pageOf(client, portal.host, page, vera)
    assert.include(invitation.text(), `action="${page}/accept"`)
    ;(await postFrom(client, portal.host, vera, page, `${page}/accept`, {})).response.assertStatus(302)
    assert.include((await pageOf(client, portal.host, `/people/${portal.vera.id}`)).text(), 'data-badge="organisation"')

    // Vera (an editor) cannot invite or remove: 404
    ;(await postJson(client, portal.host, vera, page, `${page}/members`, { userId: String(portal.gleb.id), role: 'member' })).assertStatus(404)
    ;(await postJson(client, portal.host, vera, page, `${page}/members/${portal.anna.id}/remove`, {})).assertStatus(404)

    // Gleb is invited and declines; the last owner cannot leave; the owner removes Vera; Boris was never a member
    await postFrom(client, portal.host, anna, page, `${page}/members`, { userId: String(portal.gleb.id), role: 'member' })
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    ;(await postFrom(client, portal.host, gleb, page, `${page}/decline`, {})).response.assertStatus(302)
    assert.isNull(await rowOf(portal.tenant, 'social_organisation_members', { organisation_id: organisationId, user_id: portal.gleb.id }))
    const last = await postJson(client, portal.host, anna, page, `${page}/leave`, {})
    last.assertStatus(422)
    assert.include(last.body().errors[0].message, 'последнему владельцу')
    ;(await postFrom(client, portal.host, anna, page, `${page}/members/${portal.vera.id}/remove`, {})).response.assertStatus(302)
    assert.isNull(await rowOf(portal.tenant, 'social_organisation_members', { organisation_id: organisationId, user_id: portal.vera.id }))
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where({ action: 'social.organisation_member_removed', subject_id: String(organisationId) }).first())
    assert.exists(audit)
    // a member leaves by themself
    await postFrom(client, portal.host, anna, page, `${page}/members`, { userId: String(portal.gleb.id), role: 'member' })
    await postFrom(client, portal.host, gleb, page, `${page}/accept`, {})
    ;(await postFrom(client, portal.host, gleb, page, `${page}/leave`, {})).response.assertStatus(302)
    assert.isNull(await rowOf(portal.tenant, 'social_organisation_members', { organisation_id: organisationId, user_id: portal.gleb.id }))
  })

  test('a rejected application says why to its applicant and stays hidden from everybody else', async ({ assert, client }) => {
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const created = await postJson(client, portal.host, boris, '/organisations/new', '/organisations', application({ name: 'Клуб любителей спама', inn: '' }))
    const id = created.body().id
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postFrom(client, portal.host, moderator, '/organisations/moderation', `/organisations/${id}/reject`, { reason: 'Не общественная организация' })).response.assertStatus(302)
    const own = await pageOf(client, portal.host, `/organisations/${id}`, boris)
    assert.include(own.text(), 'Не общественная организация')
    assert.exists(await rowOf(portal.tenant, 'notifications', { user_id: portal.boris.id, kind: 'social.organisation_rejected' }))
    ;(await pageOf(client, portal.host, `/organisations/${id}`)).assertStatus(404)
    const follow = await postJson(client, portal.host, boris, '/people/me/follows', '/follows', { targetType: 'organisation', targetKey: String(id) })
    follow.assertStatus(422)
  })
})
