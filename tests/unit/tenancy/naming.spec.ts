import { test } from '@japa/runner'
import { assertValidSlug, roleNameFor, schemaNameFor, normalizeHost, rolePrefix } from '#tenancy/naming'

test.group('Tenancy | naming | slugs', () => {
  test('accepts "{$self}"')
    .with(['social', 'ab', 'block_2', 'a123456789012345678901234567890'])
    .run(({ assert }, slug) => {
      assert.doesNotThrow(() => assertValidSlug(slug))
    })

  test('rejects malformed slug "{$self}"')
    .with(['', 'a', '1abc', 'Social', 'so-cial', 'so cial', 'a1234567890123456789012345678901', 'сош'])
    .run(({ assert }, slug) => {
      assert.throws(() => assertValidSlug(slug), /Invalid tenant slug/)
    })

  test('rejects reserved slug "{$self}"')
    .with(['www', 'api', 'admin', 'central', 'public', 'static'])
    .run(({ assert }, slug) => {
      assert.throws(() => assertValidSlug(slug), /reserved/)
    })
})

test.group('Tenancy | naming | database objects', () => {
  test('schema is tenant_<slug>', ({ assert }) => {
    assert.equal(schemaNameFor('social'), 'tenant_social')
  })

  test('role names carry the database name so dev and test never collide', ({ assert }) => {
    const database = process.env.DB_DATABASE!
    assert.match(database, /^krai_test/)
    assert.equal(rolePrefix(), `${database}__`)
    assert.equal(roleNameFor('social'), `${database}__t_social`)
  })

  test('hosts are lower-cased without port', ({ assert }) => {
    assert.equal(normalizeHost('Social.LocalHost:3333'), 'social.localhost')
  })
})
