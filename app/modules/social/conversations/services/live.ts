import logger from '@adonisjs/core/services/logger'
import { tenantScope } from '#tenancy/tenant_scope'

/**
 * Live conversations over Server-Sent Events (@adonisjs/transmit). One
 * channel per conversation, named with the tenant: transmit's channels are
 * process-wide, and tenants must never hear each other. Events carry ids
 * only; the page fetches what its reader may see through the messages JSON,
 * which applies the same rules as the page.
 */
export const CHANNEL_PATTERN = 'conversations/:tenant/:id'

export function conversationChannel(conversationId: number, slug = tenantScope.currentOrFail().slug) {
  return `conversations/${slug}/${conversationId}`
}

export type LiveEvent = { type: 'message'; id: number } | { type: 'read'; userId: number; messageId: number }

/** Tells the conversation's open pages (in every web process, through Redis); never fails the caller. */
export async function announce(conversationId: number, event: LiveEvent) {
  const channel = conversationChannel(conversationId)
  try {
    const { default: transmit } = await import('@adonisjs/transmit/services/main')
    transmit.broadcast(channel, event)
  } catch (error) {
    // the polling fallback still delivers it
    logger.warn({ channel, error: (error as Error).message }, 'could not announce a conversation event')
  }
}
