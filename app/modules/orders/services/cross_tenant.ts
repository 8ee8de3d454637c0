import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import type OrderExecutor from '#modules/orders/models/order_executor'

type OrderMessage = {
  [Type in keyof BusPayloads]: BusPayloads[Type] extends { orderId: number; executorId: number; number: string } ? Type : never
}[keyof BusPayloads]

type Facts<Type extends OrderMessage> = Omit<BusPayloads[Type], 'orderId' | 'executorId' | 'number'>

/**
 * The user that stands for another tenant in this one: the issuer of an
 * order that arrived from it, the author of its reports. It never signs in.
 */
export async function counterpart(trx: TransactionClientContract, slug: string) {
  const email = `${slug}@tenants.krai.internal`
  const existing = await User.query({ client: trx }).where('email', email).first()
  if (existing) return existing
  const tenant = await Tenant.findBy('slug', slug)
  return User.create(
    { email, fullName: tenant?.nameRu ?? slug, role: 'controller', status: 'deactivated', password: null, locale: null },
    { client: trx }
  )
}

/** Issuing tenant → each body of another tenant named as an executor: its part of the order. */
export async function sendAssignments(trx: TransactionClientContract, order: Order, issuer: User) {
  const remote = order.executors.filter((executor) => executor.remoteTenant && !executor.remoteOrderId)
  if (!remote.length) return
  const organisation = tenantScope.currentOrFail().nameRu
  await bus.sendMany(
    trx,
    remote.map((executor) => ({
      to: executor.remoteTenant!,
      type: 'orders.issued' as const,
      payload: {
        orderId: order.id,
        executorId: executor.id,
        number: order.number,
        type: order.type,
        body: order.text,
        dueOn: (executor.deadline ?? order.deadline)!.toISODate()!,
        executorDepartment: executor.remoteDepartmentCode!,
        role: executor.role,
        specialControl: order.specialControl,
        issuedBy: { name: issuer.fullName, organisation },
      },
    }))
  )
}

/** A tenant's copy of an order → the issuing tenant. Nothing for an order that did not come from elsewhere. */
export async function tellOrigin<Type extends OrderMessage>(trx: TransactionClientContract, copy: Order, type: Type, facts: Facts<Type>) {
  if (!copy.originTenant) return
  await bus.send(trx, {
    to: copy.originTenant,
    type,
    payload: { orderId: copy.originOrderId!, executorId: copy.originExecutorId!, number: copy.originNumber!, ...facts } as BusPayloads[Type],
  })
}

/** Issuing tenant → the tenant that holds an executor's copy. */
export async function tellExecutor<Type extends OrderMessage>(
  trx: TransactionClientContract,
  order: Order,
  executor: OrderExecutor,
  type: Type,
  facts: Facts<Type>
) {
  if (!executor.remoteTenant) return
  await bus.send(trx, {
    to: executor.remoteTenant,
    type,
    payload: { orderId: order.id, executorId: executor.id, number: order.number, ...facts } as BusPayloads[Type],
  })
}
