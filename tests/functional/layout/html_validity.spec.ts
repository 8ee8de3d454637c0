import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { testTmpPath } from '#tests/helpers/environment'
import { mainPages, type MainPages } from '#tests/helpers/main_pages'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'

const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar')
let tour: MainPages

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error'
  subType?: string
  url: string
  lastLine?: number
  message: string
  extract?: string
}

/**
 * Runs the Nu HTML Checker (vnu.jar, the W3C validator's engine) once over
 * all the files, errors only, and lists them one line each.
 */
async function validate(files: string[]) {
  const { stderr } = await promisify(execFile)(process.env.JAVA ?? 'java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', '--exit-zero-always', ...files], {
    maxBuffer: 16 * 1024 * 1024,
  })
  const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] }
  return messages
    .filter((message) => message.type !== 'info')
    .map((message) => `${message.url.split('/').pop()}:${message.lastLine ?? '?'}: ${message.message}${message.extract ? ` — ${message.extract.trim().slice(0, 120)}` : ''}`)
}

test.group('Layout | the main pages are valid HTML (Nu HTML Checker)', (group) => {
  group.setup(async () => {
    tour = await mainPages('layout_vnu')
  })

  test('dashboard, orders, planner, monitoring, control, portal and error pages have no validator errors', async ({ assert, client }) => {
    const directory = testTmpPath('vnu')
    await rm(directory, { recursive: true, force: true })
    await mkdir(directory, { recursive: true })
    const sessions = new Map<string, string>()
    const files: string[] = []
    for (const page of tour.pages) {
      let session: string | undefined
      if (page.as) {
        const key = `${page.host} ${page.as.email}`
        if (!sessions.has(key)) sessions.set(key, await sessionOf(client, page.host, page.as.email))
        session = sessions.get(key)
      }
      const response = await client.get(page.path).header('host', page.host).withCookie(SESSION_COOKIE, session)
      assert.equal(response.status(), page.status ?? 200, `${page.name}: ${page.path}`)
      assert.notInclude(response.text(), 'translation missing', `${page.name}: ${page.path}`)
      const file = `${directory}/${page.name}.html`
      await writeFile(file, response.text())
      files.push(file)
    }
    assert.deepEqual(await validate(files), [])
  }).timeout(180_000)

  test('the checker finds what it should: a module script with defer', async ({ assert }) => {
    const directory = testTmpPath('vnu-probe')
    await mkdir(directory, { recursive: true })
    const file = `${directory}/probe.html`
    await writeFile(file, '<!DOCTYPE html><html lang="ru"><head><title>x</title><script type="module" defer src="/a.js"></script></head><body></body></html>')
    const found = await validate([file])
    assert.lengthOf(found, 1)
    assert.include(found[0], 'defer')
  }).timeout(60_000)
})
