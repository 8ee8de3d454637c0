import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#modules/orders/models/order'

/**
 * Reads an order with its executors and locks its row for the rest of the
 * transaction, so two people acting at once cannot both move it.
 */
export async function lockOrder(trx: TransactionClientContract, orderId: number) {
  return Order.query({ client: trx }).where('id', orderId).forUpdate().preload('executors').firstOrFail()
}
