import { test } from '@japa/runner'
import { inferStructure, keyProblems, publicFields, sameStructure } from '#modules/opendata/services/structure'

const t = (key: string, data?: Record<string, unknown>) => `${key} ${JSON.stringify(data ?? {})}`

test.group('Open data | the key field', () => {
  test('a first column whose values are all filled and distinct is the key; any other column, a repeated or an empty value is not', ({ assert }) => {
    const keys = (headers: string[], rows: string[][]) => inferStructure(headers, rows).map((field) => field.key)
    assert.deepEqual(keys(['Код', 'Имя'], [['1', 'а'], ['2', 'б']]), [true, false])
    assert.deepEqual(keys(['Код', 'Имя'], [['1', 'а'], ['1', 'б']]), [false, false], 'repeated')
    assert.deepEqual(keys(['Код', 'Имя'], [['1', 'а'], ['', 'б']]), [false, false], 'an empty cell')
    assert.deepEqual(keys(['Имя', 'Код'], [['а', '1'], ['а', '2']]), [false, false], 'only the first column is a candidate')
    assert.deepEqual(keys(['Код'], []), [false], 'no rows, no key')
  })

  test('the key travels with the published structure and makes a new structure version; the personal mark does neither', ({ assert }) => {
    const fields = inferStructure(['Код', 'Имя'], [['1', 'а'], ['2', 'б']])
    assert.deepEqual(publicFields(fields).map((field) => field.key), [true, undefined])
    assert.isFalse(sameStructure(fields, fields.map((field) => ({ ...field, key: false }))))
    assert.isTrue(sameStructure(fields, fields.map((field) => ({ ...field, personal: true }))))
    assert.notProperty(publicFields(fields.map((field) => ({ ...field, personal: true })))[0], 'personal')
  })

  test('at publication: one key column, its values filled and unique, else a problem on that field', ({ assert }) => {
    const fields = inferStructure(['Код', 'Имя'], [['1', 'а'], ['2', 'б']])
    assert.deepEqual(keyProblems(fields, [['1', 'а'], ['2', 'б']], t), [])
    assert.deepEqual(keyProblems(fields.map((field) => ({ ...field, key: false })), [['1', 'а'], ['1', 'б']], t), [], 'no key, nothing to check')
    const duplicate = keyProblems(fields, [['1', 'а'], ['2', 'б'], ['1', 'в']], t)
    assert.deepEqual(duplicate.map((problem) => problem.field), ['fields.0.key'])
    assert.include(duplicate[0].message, 'opendata_dashboard.errors.key_duplicate')
    assert.include(duplicate[0].message, '"row":3')
    assert.include(keyProblems(fields, [['1', 'а'], ['', 'б']], t)[0].message, 'opendata_dashboard.errors.key_empty')
    assert.deepEqual(keyProblems(fields.map((field) => ({ ...field, key: true })), [['1', 'а']], t).map((problem) => problem.field), ['fields.1.key'])
  })
})
