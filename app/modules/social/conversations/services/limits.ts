import limiter from '@adonisjs/limiter/services/main'

/** Members of a group conversation, its starter included. */
export const MAX_MEMBERS = 50
/** Characters of one message. */
export const MAX_MESSAGE_LENGTH = 4000
/** Attachments of one message, and their size. */
export const MAX_ATTACHMENTS = 5
export const MAX_ATTACHMENT_MB = 10
/** Messages per page of a conversation, conversations per page of the list. */
export const MESSAGES_PAGE = 30
export const CONVERSATIONS_PAGE = 20

/**
 * Minutes a message waits unread (the recipient not around either) before
 * an e-mail tells about it; one e-mail per conversation per quiet period.
 */
export function quietMinutes() {
  return Number(process.env.SOCIAL_MESSAGES_QUIET_MINUTES) || 15
}

/** New conversations a user may start per hour: spam goes one-to-one first. */
export const conversationsLimiter = () => limiter.use({ requests: Number(process.env.SOCIAL_CONVERSATIONS_PER_HOUR) || 10, duration: '1 hour' })

/** Messages a user may send per minute, all conversations together. */
export const messagesLimiter = () => limiter.use({ requests: Number(process.env.SOCIAL_MESSAGES_PER_MINUTE) || 30, duration: '1 minute' })

/** A limiter key of one user of one tenant (user ids repeat across tenants). */
export function limiterKey(kind: 'conversations' | 'messages', tenantSlug: string, userId: number) {
  return `social:${kind}:${tenantSlug}:${userId}`
}
