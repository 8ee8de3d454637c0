import { test } from '@japa/runner'
import { postFrom, postJson } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { pageOf, rowOf, socialPortal, type SocialPortal } from '#tests/helpers/social_profiles'

let portal: SocialPortal

test.group('Social profiles | privacy settings and follows', (group) => {
  group.setup(async () => {
    portal = await socialPortal('spf_portal')
  })

  test('privacy: the municipality is shown to everyone, to the people I follow, or to nobody (but me and moderators)', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    ;(await postFrom(client, portal.host, anna, '/people/me/edit', '/people/me', { displayName: 'Анна', municipalityCode: 'sochi' })).response.assertStatus(302)
    const sochi = 'data-municipality'
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`)).text(), sochi)

    const page = await pageOf(client, portal.host, '/people/me/privacy', anna)
    page.assertStatus(200)
    assert.equal(page.header('x-robots-tag'), 'noindex, nofollow')
    const saved = await postFrom(client, portal.host, anna, '/people/me/privacy', '/people/me/privacy', { messagePolicy: 'following', municipalityVisibility: 'following' })
    saved.response.assertStatus(302)
    const row = await rowOf(portal.tenant, 'social_profiles', { user_id: portal.anna.id })
    assert.deepInclude(row, { message_policy: 'following', municipality_visibility: 'following', email_digest: false })

    const boris = await sessionOf(client, portal.host, portal.boris.email)
    // the "send a message" button follows the message policy: Boris, whom Anna does not follow, gets none (nor guests, nor Anna on her own page)
    const messageButton = 'data-message-person'
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), messageButton)
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`)).text(), messageButton)
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`, anna)).text(), messageButton)
    assert.include((await pageOf(client, portal.host, `/people/${portal.boris.id}`, anna)).text(), `href="/messages/new?to=${portal.boris.id}"`)
    // a guest and Boris (whom Anna does not follow) no longer see it; Anna herself and a moderator do
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`)).text(), sochi)
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), sochi)
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`, anna)).text(), sochi)
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`, moderator)).text(), sochi)
    // once Anna follows Boris, he sees it
    ;(await postFrom(client, portal.host, anna, `/people/${portal.boris.id}`, '/follows', { targetType: 'user', targetKey: String(portal.boris.id) })).response.assertStatus(302)
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), sochi)
    assert.include((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), messageButton)
    // nobody: Boris again does not
    await postFrom(client, portal.host, anna, '/people/me/privacy', '/people/me/privacy', { messagePolicy: 'nobody', municipalityVisibility: 'nobody', emailDigest: '1' })
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), sochi)
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.anna.id}`, boris)).text(), messageButton)
    assert.deepInclude(await rowOf(portal.tenant, 'social_profiles', { user_id: portal.anna.id }), { message_policy: 'nobody', email_digest: true })

    const refused = await postJson(client, portal.host, anna, '/people/me/privacy', '/people/me/privacy', { messagePolicy: 'friends', municipalityVisibility: 'everyone' })
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'messagePolicy')
  })

  test('a user without a profile row gets one with their name when they first save privacy settings', async ({ assert, client }) => {
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    await postFrom(client, portal.host, gleb, '/people/me/privacy', '/people/me/privacy', { messagePolicy: 'everyone', municipalityVisibility: 'nobody', emailDigest: '1' })
    const row = await rowOf(portal.tenant, 'social_profiles', { user_id: portal.gleb.id })
    assert.equal(row.display_name, portal.gleb.fullName)
    assert.equal(row.municipality_visibility, 'nobody')
  })

  test('follow and unfollow people, organisations, subjects and municipalities; counts on the profile; my follows and my followers', async ({ assert, client }) => {
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const profile = await pageOf(client, portal.host, `/people/${portal.boris.id}`, vera)
    assert.include(profile.text(), `data-follow="user:${portal.boris.id}"`)
    const before = Number(profile.text().match(/data-followers>(\d+)</)![1])
    ;(await postFrom(client, portal.host, vera, `/people/${portal.boris.id}`, '/follows', { targetType: 'user', targetKey: String(portal.boris.id), back: `/people/${portal.boris.id}` })).response.assertStatus(302)
    // again is no change
    await postFrom(client, portal.host, vera, `/people/${portal.boris.id}`, '/follows', { targetType: 'user', targetKey: String(portal.boris.id) })
    const after = await pageOf(client, portal.host, `/people/${portal.boris.id}`, vera)
    assert.equal(Number(after.text().match(/data-followers>(\d+)</)![1]), before + 1)
    assert.include(after.text(), 'action="/follows/remove"')
    await postFrom(client, portal.host, vera, '/people/me/follows', '/follows', { targetType: 'subject', targetKey: 'transport' })
    await postFrom(client, portal.host, vera, '/people/me/follows', '/follows', { targetType: 'municipality', targetKey: 'krasnodar' })
    const mine = await pageOf(client, portal.host, '/people/me/follows', vera)
    mine.assertStatus(200)
    assert.include(mine.text(), `data-entry="user:${portal.boris.id}"`)
    assert.include(mine.text(), 'data-entry="subject:transport"')
    assert.include(mine.text(), 'data-entry="municipality:krasnodar"')
    const borisSession = await sessionOf(client, portal.host, portal.boris.email)
    const followers = await pageOf(client, portal.host, '/people/me/follows?tab=followers', borisSession)
    assert.include(followers.text(), `data-entry="user:${portal.vera.id}"`)
    const subject = await pageOf(client, portal.host, '/subjects/transport', vera)
    assert.include(subject.text(), 'action="/follows/remove"')

    ;(await postFrom(client, portal.host, vera, '/people/me/follows', '/follows/remove', { targetType: 'subject', targetKey: 'transport' })).response.assertStatus(302)
    assert.isNull(await rowOf(portal.tenant, 'social_follows', { follower_id: portal.vera.id, target_type: 'subject', target_key: 'transport' }))

    // unknown things, oneself, and a pending organisation cannot be followed (422)
    for (const [targetType, targetKey] of [['subject', 'astrology'], ['municipality', 'atlantis'], ['user', String(portal.vera.id)], ['user', '999999'], ['organisation', '999999'], ['planet', 'mars']]) {
      const refused = await postJson(client, portal.host, vera, '/people/me/follows', '/follows', { targetType, targetKey })
      refused.assertStatus(422)
    }
    // a guest has no follow button and cannot follow
    assert.notInclude((await pageOf(client, portal.host, `/people/${portal.boris.id}`)).text(), 'data-follow=')
  })
})
