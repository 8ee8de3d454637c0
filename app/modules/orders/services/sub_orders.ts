import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import Order from '#modules/orders/models/order'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'

/**
 * The sub-orders below an order (at any depth) that are still being worked
 * on: accepting the order or removing it from control while they are open
 * needs the person's confirmation.
 */
export async function openSubOrders(orderId: number, client?: QueryClientContract | TransactionClientContract) {
  return Order.query(client ? { client } : {})
    .whereRaw('orders.ancestor_ids @> array[?]::int[]', [orderId])
    .whereIn('orders.status', OPEN_STATUSES)
    .orderBy('orders.id')
}

/**
 * Refuses (422 on the field `confirmOpenSubOrders`) to close an order whose
 * sub-orders are open, unless the person confirmed it; the message lists them.
 */
export async function assertSubOrdersConfirmed(
  orderId: number,
  confirmed: boolean | undefined,
  message: (numbers: string) => string,
  client?: TransactionClientContract
) {
  if (confirmed) return
  const open = await openSubOrders(orderId, client)
  if (!open.length) return
  throw new vineErrors.E_VALIDATION_ERROR([
    { field: 'confirmOpenSubOrders', rule: 'open_sub_orders', message: message(open.map((order) => order.number).join(', ')) },
  ])
}
