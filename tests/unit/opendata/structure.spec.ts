import { test } from '@japa/runner'
import { fieldNameOf, inferStructure, readCell, sameStructure } from '#modules/opendata/services/structure'

test.group('Open data | structure: reading cells and inferring types', () => {
  test('each type reads its values normalized and refuses the rest', ({ assert }) => {
    const reads = (type: Parameters<typeof readCell>[0], raw: string) => {
      const reading = readCell(type, raw)
      return reading.ok ? reading.value : null
    }
    assert.equal(reads('integer', '+042'), '42')
    assert.isNull(reads('integer', '4.2'))
    assert.equal(reads('decimal', '-1,25'), '-1.25')
    assert.isNull(reads('decimal', '1 000'))
    assert.equal(reads('date', '29.02.2024'), '2024-02-29')
    assert.isNull(reads('date', '29.02.2026'))
    assert.equal(reads('date', '2026-03-15'), '2026-03-15')
    assert.equal(reads('datetime', '15.03.2026 09:30'), '2026-03-15T09:30:00')
    assert.equal(reads('datetime', '2026-03-15T09:30:15+03:00'), '2026-03-15T09:30:15+03:00')
    assert.isNull(reads('datetime', '2026-03-15T25:00'))
    assert.equal(reads('boolean', 'Да'), 'true')
    assert.equal(reads('boolean', 'false'), 'false')
    assert.isNull(reads('boolean', 'может быть'))
    assert.equal(reads('latitude', '45,0355'), '45.0355')
    assert.isNull(reads('latitude', '95'))
    assert.isNull(reads('longitude', '-181'))
    assert.equal(reads('geojson', '{"type":"Point","coordinates":[38.97,45.03]}'), '{"type":"Point","coordinates":[38.97,45.03]}')
    assert.isNull(reads('geojson', '{"type":"Circle","coordinates":[1,2]}'))
    assert.isNull(reads('geojson', 'POINT(1 2)'))
    assert.equal(reads('string', '  текст  '), 'текст')
    assert.equal(reads('integer', ''), '', 'an empty cell is allowed in any column')
  })

  test('types are inferred from every value; codes with leading zeros stay text; names are transliterated and unique', ({ assert }) => {
    const fields = inferStructure(
      ['Код ОКТМО', 'Число', 'Доля', 'Дата', 'Есть', 'Широта', 'lon', 'Геометрия', 'Число'],
      [
        ['03701000', '12', '0,5', '01.02.2026', 'да', '45.03', '38.97', '{"type":"Point","coordinates":[38.97,45.03]}', '1'],
        ['03702000', '', '1', '2026-02-03', 'нет', '45.1', '39', '{"type":"LineString","coordinates":[[1,2],[3,4]]}', 'x'],
      ]
    )
    assert.deepEqual(fields.map((field) => field.type), ['string', 'integer', 'decimal', 'date', 'boolean', 'latitude', 'longitude', 'geojson', 'string'])
    assert.deepEqual(fields.map((field) => field.name), ['kod_oktmo', 'chislo', 'dolya', 'data', 'est', 'shirota', 'lon', 'geometriya', 'chislo_2'])
    assert.equal(fields[0].descriptionRu, 'Код ОКТМО')
    assert.equal(fieldNameOf('2024 год', 0), 'field1_2024_god')
    assert.isTrue(sameStructure(fields, fields.map((field) => ({ ...field, personal: true }))), 'the personal mark is not part of a published structure')
    assert.isFalse(sameStructure(fields, fields.map((field, index) => (index ? field : { ...field, type: 'integer' as const }))))
  })
})
