import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBusMessageType, type BusMessageType, type BusPayloads } from '#bus/message_types'
import type { BusHandler, BusMessage, OutgoingMessage } from '#bus/bus_message'
import { RELAY_JOB, wakeUp } from '#bus/wake_up'

const KNOWN_TENANT_TTL_MS = 10_000

/**
 * The tenant bus as modules use it: `send` (or `reply`) inside the
 * transaction of the business change, and `handle` to apply what arrives.
 *
 *   await bus.send(trx, { to: 'social', type: 'orders.issued', payload })
 *   bus.handle('orders.issued', async (message, trx) => { … })   // in start/bus.ts
 *
 * A message is a row in the sender's bus_outbox, so it exists exactly when
 * the business change does. After the commit the relay copies it to the
 * target's bus_inbox, where it is applied once, in the target's scope.
 */
export class Bus {
  #handlers = new Map<string, BusHandler<any>>()
  #wokenFor = new WeakSet<object>()
  #knownTenants = new Map<string, number>()

  /** Writes one message to the current tenant's outbox; returns its id. */
  async send<Type extends BusMessageType>(trx: TransactionClientContract, message: OutgoingMessage<Type>): Promise<string> {
    const [id] = await this.sendMany(trx, [message])
    return id
  }

  /**
   * Writes several messages (e.g. one order to many bodies) with one insert.
   * Returns their ids in the same order.
   */
  async sendMany(trx: TransactionClientContract, messages: OutgoingMessage[]): Promise<string[]> {
    if (!trx?.isTransaction) {
      throw new errors.E_BUS_NO_TRANSACTION('bus.send needs the transaction of the business change')
    }
    if (!messages.length) return []
    const from = tenantScope.currentOrFail().slug
    for (const message of messages) {
      if (!isBusMessageType(message.type)) {
        throw new errors.E_BUS_UNKNOWN_TYPE(`Unknown bus message type "${message.type}": add it to app/bus/message_types.ts`)
      }
      await this.#assertTenantExists(message.to)
    }

    const rows = messages.map((message) => ({
      id: randomUUID(),
      type: message.type,
      source_tenant: from,
      target_tenant: message.to,
      payload: JSON.stringify(message.payload ?? {}),
      correlation_id: message.correlationId ?? null,
    }))
    await trx.insertQuery().table('bus_outbox').multiInsert(rows)

    this.#wakeRelayAfterCommit(trx, from)
    return rows.map((row) => row.id)
  }

  /**
   * One wake-up per transaction, once it has committed. A nested transaction
   * (savepoint) "commits" when it is released, before anything is visible, so
   * for one the wake-up waits for the outermost transaction instead (and also
   * fires after its rollback, which costs an idle job, nothing more).
   */
  #wakeRelayAfterCommit(trx: TransactionClientContract, from: string) {
    // not awaited: the commit is done, and a Redis outage must not hold the caller; the sweep delivers anyway
    const wake = () => {
      wakeUp(RELAY_JOB, from).catch((error) => logger.warn({ tenant: from }, `bus: relay wake-up failed (${error.message})`))
    }
    let outermost = (trx as any).knexClient
    while (outermost?.parentTransaction) outermost = outermost.parentTransaction
    const nested = outermost !== (trx as any).knexClient
    const key = nested ? outermost : trx
    if (this.#wokenFor.has(key)) return
    this.#wokenFor.add(key)
    if (nested && outermost.executionPromise) {
      outermost.executionPromise.then(wake, () => {})
    } else {
      trx.after('commit', async () => wake())
    }
  }

  /** Answers a received message: a message back to its sender carrying its id. */
  async reply<Type extends BusMessageType>(
    trx: TransactionClientContract,
    to: BusMessage,
    type: Type,
    payload: BusPayloads[Type]
  ): Promise<string> {
    return this.send(trx, { to: to.from, type, payload, correlationId: to.id })
  }

  /** Registers the one handler of a message type (modules do it in start/bus.ts). */
  handle<Type extends BusMessageType>(type: Type, handler: BusHandler<Type>) {
    if (!isBusMessageType(type)) throw new errors.E_BUS_UNKNOWN_TYPE(`Unknown bus message type "${type}"`)
    if (this.#handlers.has(type)) throw new errors.E_BUS_HANDLER_EXISTS(`"${type}" already has a handler`)
    this.#handlers.set(type, handler)
  }

  /** Removes a handler (tests replace one for a while). */
  forget(type: BusMessageType) {
    this.#handlers.delete(type)
  }

  handlerFor(type: string): BusHandler | undefined {
    return this.#handlers.get(type)
  }

  async #assertTenantExists(slug: string) {
    const expiresAt = this.#knownTenants.get(slug)
    if (expiresAt && expiresAt > Date.now()) return
    if (!(await tenantRegistry.findBySlug(slug))) {
      throw new errors.E_BUS_UNKNOWN_TARGET(`Unknown target tenant "${slug}"`)
    }
    this.#knownTenants.set(slug, Date.now() + KNOWN_TENANT_TTL_MS)
  }
}

export const bus = new Bus()
