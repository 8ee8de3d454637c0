import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Orders across tenants. In the issuing tenant (the Department of Control)
 * an executor may be a department of another tenant (`remote_*`); that
 * tenant keeps its own copy of the order (`origin_*` points back), and the
 * two exchange status, reports and extension requests over the tenant bus.
 * Reports and extension requests that crossed remember the other side's id.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('order_executors', (table) => {
      table.string('remote_tenant', 40).nullable()
      table.string('remote_department_code', 64).nullable()
      table.string('remote_department_name', 255).nullable()
      table.integer('remote_order_id').nullable()
      table.string('remote_number', 32).nullable()
    })
    this.schema.raw('alter table order_executors drop constraint order_executors_target_check')
    this.schema.raw(
      'alter table order_executors add constraint order_executors_target_check check (num_nonnulls(department_id, user_id, remote_tenant) = 1)'
    )
    this.schema.raw('create index order_executors_remote_index on order_executors (remote_tenant) where remote_tenant is not null')

    this.schema.alterTable('orders', (table) => {
      table.string('origin_tenant', 40).nullable()
      table.integer('origin_order_id').nullable()
      table.integer('origin_executor_id').nullable()
      table.string('origin_number', 32).nullable()
    })
    this.schema.raw(
      'create unique index orders_origin_unique on orders (origin_tenant, origin_executor_id) where origin_tenant is not null'
    )

    for (const name of ['order_reports', 'order_extension_requests']) {
      this.schema.alterTable(name, (table) => {
        table.string('remote_tenant', 40).nullable()
        table.integer('remote_id').nullable()
        table.integer('executor_id').nullable().references('id').inTable('order_executors').onDelete('SET NULL')
      })
    }
  }

  async down() {
    for (const name of ['order_reports', 'order_extension_requests']) {
      this.schema.alterTable(name, (table) => {
        table.dropColumn('remote_tenant')
        table.dropColumn('remote_id')
        table.dropColumn('executor_id')
      })
    }
    this.schema.raw('drop index orders_origin_unique')
    this.schema.alterTable('orders', (table) => {
      table.dropColumn('origin_tenant')
      table.dropColumn('origin_order_id')
      table.dropColumn('origin_executor_id')
      table.dropColumn('origin_number')
    })
    this.schema.raw('drop index order_executors_remote_index')
    this.schema.raw('delete from order_executors where remote_tenant is not null')
    this.schema.raw('alter table order_executors drop constraint order_executors_target_check')
    this.schema.raw('alter table order_executors add constraint order_executors_target_check check (num_nonnulls(department_id, user_id) = 1)')
    this.schema.alterTable('order_executors', (table) => {
      table.dropColumn('remote_tenant')
      table.dropColumn('remote_department_code')
      table.dropColumn('remote_department_name')
      table.dropColumn('remote_order_id')
      table.dropColumn('remote_number')
    })
  }
}
