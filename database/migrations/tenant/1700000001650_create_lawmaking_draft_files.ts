import { BaseSchema } from '@adonisjs/lucid/schema'
import type { Knex } from 'knex'

/** What both sides keep of a draft's file: its Drive key, the name the developer gave it, the real type and size. */
function fileColumns(table: Knex.CreateTableBuilder) {
  table.string('storage_key', 500).notNullable().unique()
  table.string('file_name', 255).notNullable()
  table.string('mime_type', 100).notNullable()
  table.integer('size').notNullable()
  table.timestamp('created_at', { useTz: true }).notNullable()
}

/**
 * Files of a draft act (the signed explanatory note, the financial-economic
 * justification, annexes). In a body: the developer's current list, each
 * file marked with the version that first published it (a published file
 * stays in Drive when removed: the portal may still be copying it). In the
 * portal: its own copies of the files the latest version carried, named by
 * the body's key (`origin_key`) so each is copied once. Every tenant gets
 * both tables; each side fills only its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('lawmaking_draft_files', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_drafts').onDelete('CASCADE')
      fileColumns(table)
      table.integer('uploaded_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.integer('published_in').nullable()
      table.index(['draft_id', 'id'])
    })

    this.schema.createTable('lawmaking_public_draft_files', (table) => {
      table.increments('id')
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.string('origin_key', 500).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      fileColumns(table)
      table.unique(['draft_id', 'origin_key'])
      table.index(['draft_id', 'position'])
    })
    this.schema.raw(`alter table lawmaking_draft_files add constraint lawmaking_draft_files_size_check check (size >= 0)`)
    this.schema.raw(`alter table lawmaking_public_draft_files add constraint lawmaking_public_draft_files_size_check check (size >= 0)`)
  }

  async down() {
    this.schema.dropTable('lawmaking_public_draft_files')
    this.schema.dropTable('lawmaking_draft_files')
  }
}
