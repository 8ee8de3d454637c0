import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { testTmpPath } from '#tests/helpers/environment'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { ensureTenant, ensureUser, hostOf, rollupReady } from '#tests/helpers/tenants'
import { publishDirectoryOf, pump, sessionOf } from '#tests/helpers/problems'
import { KRYMSK_ROUTE, postForm, rowOf, suggestionsMunicipality, suggestionsPortal } from '#tests/helpers/suggestions'

const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar')

/** The Nu HTML Checker's errors over the files, one line each. */
async function validate(files: string[]) {
  const { stderr } = await promisify(execFile)(process.env.JAVA ?? 'java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', '--exit-zero-always', ...files], {
    maxBuffer: 16 * 1024 * 1024,
  })
  const { messages } = JSON.parse(stderr) as { messages: Array<{ type: string; url: string; lastLine?: number; message: string }> }
  return messages.filter((message) => message.type !== 'info').map((message) => `${message.url.split('/').pop()}:${message.lastLine ?? '?'}: ${message.message}`)
}

test.group('Suggestions | every page renders in Russian and English as valid HTML', () => {
  test('portal, moderation, the body’s inbox and case, Control', async ({ assert, client }) => {
    const portal = await suggestionsPortal('sgp_portal')
    const town = await suggestionsMunicipality('krymsky')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', {
      category: 'transport_route',
      title: 'Маршрут автобуса через новый мост',
      content: 'Пустить автобус через новый мост, чтобы сократить путь до вокзала на двадцать минут.',
      route: JSON.stringify(KRYMSK_ROUTE),
      municipalityCode: 'krymsky',
      bodySlug: 'krymsky',
    }, { json: true })
    const id = submitted.body().id as number
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/send`, {})).assertStatus(302)
    await pump([portal.tenant, town.tenant])
    const found = await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id })
    const control = await ensureTenant('sgp_control', 'control')
    const controlHead = await ensureUser(control, 'head', 'head@sgp-control.test')
    await rollupReady()

    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const head = await sessionOf(client, town.host, town.head.email)
    const controller = await sessionOf(client, hostOf(control), controlHead.email)
    const pages: Array<[string, string, string | undefined, string]> = [
      ['catalogue', portal.host, undefined, '/suggestions'],
      ['catalogue-filtered', portal.host, undefined, '/suggestions?category=transport_route&municipality=krymsky'],
      ['map', portal.host, undefined, '/suggestions/map'],
      ['stats', portal.host, undefined, '/suggestions/stats'],
      ['suggestion', portal.host, undefined, `/suggestions/${id}`],
      ['suggestion-moderator', portal.host, moderator, `/suggestions/${id}`],
      ['create', portal.host, author, '/suggestions/new'],
      ['my', portal.host, author, '/suggestions/my'],
      ['moderation', portal.host, admin, '/suggestions/moderation'],
      ['thresholds', portal.host, admin, '/suggestions/admin/thresholds'],
      ['inbox', town.host, head, '/suggestions/inbox'],
      ['case', town.host, head, `/suggestions/inbox/${found.id}`],
      ['control', hostOf(control), controller, '/suggestions/control'],
    ]
    const directory = testTmpPath('vnu-suggestions')
    await rm(directory, { recursive: true, force: true })
    await mkdir(directory, { recursive: true })
    const files: string[] = []
    for (const locale of ['ru', 'en']) {
      for (const [name, host, session, path] of pages) {
        const response = await client.get(path).header('host', host).header('x-locale', locale).withCookie(SESSION_COOKIE, session)
        assert.equal(response.status(), 200, `${name} (${locale})`)
        assert.notInclude(response.text(), 'translation missing', `${name} (${locale})`)
        assert.notMatch(response.text(), /suggestions\.[a-z_]+\.[a-z_]+/, `${name} (${locale}): an untranslated key`)
        const file = `${directory}/${name}-${locale}.html`
        await writeFile(file, response.text())
        files.push(file)
      }
    }
    assert.deepEqual(await validate(files), [])
  }).timeout(240_000)
})
