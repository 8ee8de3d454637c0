import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'

const LANG_ROOT = fileURLToPath(new URL('../../../resources/lang/', import.meta.url))

/** Every message of a language as `file.nested.key` → text. */
async function messagesOf(locale: string) {
  const messages = new Map<string, string>()
  const flatten = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner)
    else messages.set(prefix, String(value))
  }
  for (const file of (await readdir(`${LANG_ROOT}${locale}`)).filter((name) => name.endsWith('.json'))) {
    flatten(file.replace(/\.json$/, ''), JSON.parse(await readFile(`${LANG_ROOT}${locale}/${file}`, 'utf8')))
  }
  return messages
}

/** The arguments an ICU message takes (`{name}`, and those of plural/select and their branches). */
function placeholders(text: string) {
  const names = new Set<string>()
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ('value' in element && element.type !== 0 && typeof element.value === 'string') names.add(element.value)
      if ('options' in element) for (const option of Object.values(element.options)) visit(option.value)
      if ('children' in element) visit(element.children)
    }
  }
  visit(parse(text, { ignoreTag: true }))
  return [...names].sort()
}

test.group('i18n | Russian and English messages', () => {
  test('both languages have the same keys, no empty message, and the same placeholders', async ({ assert }) => {
    const ru = await messagesOf('ru')
    const en = await messagesOf('en')
    assert.isAbove(ru.size, 1000)
    assert.deepEqual([...ru.keys()].filter((key) => !en.has(key)), [], 'only in Russian')
    assert.deepEqual([...en.keys()].filter((key) => !ru.has(key)), [], 'only in English')
    const empty = [...ru, ...en].filter(([, text]) => !text.trim()).map(([key]) => key)
    assert.deepEqual(empty, [])
    const mismatched = [...ru].filter(([key, text]) => placeholders(text).join() !== placeholders(en.get(key) ?? '').join()).map(([key]) => key)
    assert.deepEqual(mismatched, [])
  })
})
