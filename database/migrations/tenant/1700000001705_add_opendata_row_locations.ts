import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where a row of a published version lies (portal side): the latitude and
 * longitude the rows job reads from the structure's latitude/longitude
 * fields, or from its first GeoJSON field (a point, else the middle of the
 * geometry's bounding box). The map view asks for a viewport of a version,
 * so the index leads with the version and holds only located rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('opendata_public_rows', (table) => {
      table.double('lat').nullable()
      table.double('lon').nullable()
    })
    this.schema.raw('create index opendata_public_rows_location_index on opendata_public_rows (version_id, lat, lon) where lat is not null')
  }

  async down() {
    this.schema.raw('drop index if exists opendata_public_rows_location_index')
    this.schema.alterTable('opendata_public_rows', (table) => {
      table.dropColumn('lat')
      table.dropColumn('lon')
    })
  }
}
