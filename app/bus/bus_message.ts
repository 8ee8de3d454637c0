import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BusMessageType, BusPayloads } from '#bus/message_types'

/** A message as a handler receives it (a row of the receiver's inbox). */
export interface BusMessage<Type extends BusMessageType = BusMessageType> {
  id: string
  type: Type
  /** Slug of the sending tenant: where a reply goes. */
  from: string
  /** Slug of the receiving tenant (the current scope when it is applied). */
  to: string
  payload: BusPayloads[Type]
  /** Id of the message this one answers, if any. */
  correlationId: string | null
  sentAt: Date
}

/** What a module hands to bus.send. */
export interface OutgoingMessage<Type extends BusMessageType = BusMessageType> {
  /** Slug of the receiving tenant. */
  to: string
  type: Type
  payload: BusPayloads[Type]
  /** Id of the message this one answers (bus.reply sets it). */
  correlationId?: string | null
}

/**
 * Applies one inbox message in the receiving tenant's scope, inside the
 * transaction that also marks it applied: either both happen or neither.
 * Throwing rolls back what the handler wrote and schedules a retry. Write
 * only through `trx`: a handler may run more than once before its effects
 * commit (a failed batch is retried message by message), so e-mails or jobs
 * belong in a `trx.after('commit')` hook.
 */
export type BusHandler<Type extends BusMessageType = BusMessageType> = (
  message: BusMessage<Type>,
  trx: TransactionClientContract
) => Promise<void>

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const
export const INBOX_STATUSES = ['pending', 'applied', 'failed'] as const
