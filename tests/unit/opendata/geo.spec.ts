import { test } from '@japa/runner'
import { centreOf, locatorOf } from '#modules/opendata/services/geo'
import type { StructureField } from '#modules/opendata/services/structure'

const field = (name: string, type: StructureField['type']): StructureField => ({ name, type, descriptionRu: name, descriptionEn: name })

test.group('Open data row locations', () => {
  test('latitude and longitude fields locate a row; out-of-range or empty values do not', ({ assert }) => {
    const locate = locatorOf([field('name', 'string'), field('lat', 'latitude'), field('lon', 'longitude')])!
    assert.deepEqual(locate({ name: 'a', lat: '45.03', lon: '38.97' }), { lat: 45.03, lon: 38.97 })
    assert.isNull(locate({ name: 'b', lat: '', lon: '38.97' }))
    assert.isNull(locate({ name: 'c', lat: '95', lon: '38.97' }))
    assert.isNull(locatorOf([field('name', 'string'), field('lat', 'latitude')]))
  })

  test('a GeoJSON point gives its coordinates (longitude first), any other geometry the middle of its box', ({ assert }) => {
    assert.deepEqual(centreOf('{"type":"Point","coordinates":[38.97,45.03]}'), { lat: 45.03, lon: 38.97 })
    assert.deepEqual(centreOf('{"type":"LineString","coordinates":[[38,45],[40,47]]}'), { lat: 46, lon: 39 })
    assert.deepEqual(centreOf('{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[30,50]},{"type":"Point","coordinates":[32,52]}]}'), { lat: 51, lon: 31 })
    assert.isNull(centreOf('not json'))
    assert.isNull(centreOf(''))
    const locate = locatorOf([field('shape', 'geojson')])!
    assert.deepEqual(locate({ shape: '{"type":"Polygon","coordinates":[[[38,45],[39,45],[39,46],[38,45]]]}' }), { lat: 45.5, lon: 38.5 })
  })
})
