import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The first shipped calendar had two 2025 transfers wrong: decree No. 1335
 * moved Feb 23 to May 8 and Mar 8 to Jun 13 (Feb 24 and Mar 10 were working
 * days). Databases seeded before the fix are corrected; days an admin added
 * with a note are left alone.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      await db.from('orders_calendar_days').whereIn('day', ['2025-02-24', '2025-03-10']).whereNull('note').delete()
      await db
        .table('orders_calendar_days')
        .insert([
          { day: '2025-05-08', kind: 'holiday' },
          { day: '2025-06-13', kind: 'holiday' },
        ])
        .onConflict('day')
        .ignore()
    })
  }

  async down() {}
}
