import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The draft page counts a version's remarks per clause and per version; a
 * busy draft has tens of thousands, and counting them on every view cost
 * tens of milliseconds. The counts are kept instead, per draft, version and
 * clause, by a trigger on the remarks (top-level ones; replies are
 * discussion): how many were made and how many are visible.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('lawmaking_remark_counts', (table) => {
      table.integer('draft_id').notNullable().references('id').inTable('lawmaking_public_drafts').onDelete('CASCADE')
      table.integer('version_number').notNullable()
      table.uuid('clause_key').notNullable()
      table.integer('total').notNullable().defaultTo(0)
      table.integer('visible').notNullable().defaultTo(0)
      table.primary(['draft_id', 'version_number', 'clause_key'])
    })
    this.schema.raw(`
      create function lawmaking_remark_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.parent_id is null then
          update lawmaking_remark_counts
             set total = total - 1, visible = visible - (case when old.hidden_at is null then 1 else 0 end)
           where draft_id = old.draft_id and version_number = old.version_number and clause_key = old.clause_key;
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.parent_id is null then
          insert into lawmaking_remark_counts as c (draft_id, version_number, clause_key, total, visible)
          values (new.draft_id, new.version_number, new.clause_key, 1, case when new.hidden_at is null then 1 else 0 end)
          on conflict (draft_id, version_number, clause_key)
          do update set total = c.total + 1, visible = c.visible + excluded.visible;
        end if;
        return null;
      end $$`)
    this.schema.raw(`
      create trigger lawmaking_remark_counts after insert or delete or update of draft_id, version_number, clause_key, parent_id, hidden_at
      on lawmaking_remarks for each row execute function lawmaking_remark_counts_apply()`)
    this.schema.raw(`
      insert into lawmaking_remark_counts (draft_id, version_number, clause_key, total, visible)
      select draft_id, version_number, clause_key, count(*), count(*) filter (where hidden_at is null)
        from lawmaking_remarks where parent_id is null group by 1, 2, 3`)
  }

  async down() {
    this.schema.raw('drop trigger if exists lawmaking_remark_counts on lawmaking_remarks')
    this.schema.raw('drop function if exists lawmaking_remark_counts_apply()')
    this.schema.dropTable('lawmaking_remark_counts')
  }
}
