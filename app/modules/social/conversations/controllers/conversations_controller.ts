import type { HttpContext } from '@adonisjs/core/http'
import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { formatDateTime } from '#core/dates'
import { wantsJson } from '#core/wants_json'
import { StartConversation } from '#modules/social/conversations/actions/start_conversation'
import { SendMessage } from '#modules/social/conversations/actions/send_message'
import { markRead, touchPresence } from '#modules/social/conversations/actions/mark_read'
import { ConversationRefused } from '#modules/social/conversations/services/conversation_refused'
import { blockedBetween } from '#modules/social/conversations/services/messaging_rules'
import { conversationChannel } from '#modules/social/conversations/services/live'
import { conversationsLimiter, limiterKey, messagesLimiter } from '#modules/social/conversations/services/limits'
import { conversationsOf, membersOf, membershipOf, messagesFor, readUpTo, unreadTotal, type MessageView } from '#modules/social/conversations/services/conversation_queries'
import { conversationMessages, messageValidator, readValidator, recipientIds, startConversationValidator } from '#modules/social/conversations/validators/conversation_validators'
import { memberNames } from '#modules/social/conversations/services/names'

/** The moderation area's report control, once its branch is in (the page renders without it until then). */
const flagComponent = existsSync(app.viewsPath('components/social/moderation/flag.edge'))

/** A positive id from the query string, or undefined. */
function cursorOf(value: unknown) {
  const number = Number(value)
  return typeof value === 'string' && /^\d{1,15}$/.test(value) && number > 0 ? number : undefined
}

/** Private pages: never cached by shared caches, never indexed. */
function privateHeaders(response: HttpContext['response']) {
  response.header('cache-control', 'private, no-store')
  response.header('x-robots-tag', 'noindex, nofollow')
}

/**
 * The portal's conversations: the list with unread counts, starting one
 * (one-to-one or a group), a conversation with its messages (older ones on
 * request, newer ones live or by polling), sending, read marks and the
 * attachments. Everything answers 404 to whoever is not a member.
 */
export default class ConversationsController {
  async index({ auth, request, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    privateHeaders(response)
    await touchPresence(user.id)
    const before = cursorOf(request.qs().before)
    const { conversations, olderCursor } = await conversationsOf(user.id, before, i18n.locale, i18n.t('social_conversations.deleted_user'), i18n.t('social_conversations.hidden_message'))
    return view.render('pages/social/conversations/index', { conversations, olderCursor, paged: !!before, noindex: true })
  }

  async create({ auth, request, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    privateHeaders(response)
    const to = recipientIds(String(request.qs().to ?? '')).filter((id) => id !== user.id)
    const names = await memberNames(to, i18n.locale)
    const recipients = to.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)!.name }))
    return view.render('pages/social/conversations/new', { recipients, noindex: true })
  }

  async store(ctx: HttpContext) {
    const { auth, request, response, i18n } = ctx
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(startConversationValidator, { messagesProvider: conversationMessages(i18n) })
    const limiter = conversationsLimiter()
    const key = limiterKey('conversations', tenantScope.currentOrFail().slug, user.id)
    if ((await limiter.remaining(key)) <= 0) return this.#tooMany(ctx, '/messages/new', await limiter.availableIn(key))
    try {
      const conversationId = await new StartConversation().handle(
        user.id,
        { recipientIds: recipientIds(data.recipients), title: data.title, body: data.body, attachments: data.attachments },
        i18n.locale
      )
      await limiter.increment(key)
      if (wantsJson(request)) return response.created({ id: conversationId, url: `/messages/${conversationId}` })
      return response.redirect(`/messages/${conversationId}`)
    } catch (error) {
      if (error instanceof ConversationRefused) return this.#refuse(ctx, '/messages/new', error)
      throw error
    }
  }

  async show({ auth, params, request, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const membership = await membershipOf(Number(params.id), user.id)
    if (!membership) return response.notFound()
    privateHeaders(response)
    await touchPresence(user.id)
    const before = cursorOf(request.qs().before)
    const members = await membersOf(membership.conversationId, i18n.locale)
    const { messages, olderCursor } = await messagesFor(membership, user.id, { before }, i18n.locale, i18n.t('social_conversations.deleted_user'), members.names)
    const others = members.filter((member) => member.userId !== user.id)
    const blockers = membership.kind === 'direct' && others.length ? await blockedBetween(user.id, others[0].userId) : []
    const title = membership.kind === 'group' ? membership.title : (others[0]?.name ?? i18n.t('social_conversations.deleted_user'))
    const lastId = messages.length ? messages[messages.length - 1].id : 0
    return view.render('pages/social/conversations/show', {
      conversation: { id: membership.conversationId, kind: membership.kind, title },
      messages,
      olderCursor,
      paged: !!before,
      members,
      others,
      lastId,
      readUpTo: readUpTo(members, user.id),
      lastReadMessageId: membership.lastReadMessageId,
      blockedByMe: blockers.includes(user.id),
      blockedMe: blockers.some((id) => id !== user.id),
      channel: conversationChannel(membership.conversationId),
      flagComponent,
      noindex: true,
    })
  }

  /** New messages after `after` (live updates and the polling fallback) or older ones before `before`. */
  async messages({ auth, params, request, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const membership = await membershipOf(Number(params.id), user.id)
    if (!membership) return response.notFound({ errors: [{ message: 'Not found' }] })
    privateHeaders(response)
    await touchPresence(user.id)
    const after = cursorOf(request.qs().after)
    const before = cursorOf(request.qs().before)
    const members = await membersOf(membership.conversationId, i18n.locale)
    const { messages, olderCursor } = await messagesFor(membership, user.id, after !== undefined ? { after } : { before }, i18n.locale, i18n.t('social_conversations.deleted_user'), members.names)
    return {
      messages: messages.map((message) => this.#json(message)),
      olderCursor,
      readUpTo: readUpTo(members, user.id),
      unreadTotal: await unreadTotal(user.id),
    }
  }

  async send(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const membership = await membershipOf(Number(params.id), user.id)
    if (!membership) return response.notFound()
    const page = `/messages/${membership.conversationId}`
    const data = await request.validateUsing(messageValidator, { messagesProvider: conversationMessages(i18n) })
    const limiter = messagesLimiter()
    const key = limiterKey('messages', tenantScope.currentOrFail().slug, user.id)
    if ((await limiter.remaining(key)) <= 0) return this.#tooMany(ctx, page, await limiter.availableIn(key))
    try {
      const id = await new SendMessage().handle(user.id, membership.conversationId, { body: data.body, attachments: data.attachments })
      await limiter.increment(key)
      if (wantsJson(request)) return response.created({ id })
      session.flash('notice', i18n.t('social_conversations.flash.sent'))
      return response.redirect(`${page}#message-${id}`)
    } catch (error) {
      if (error instanceof ConversationRefused) return this.#refuse(ctx, page, error)
      throw error
    }
  }

  async read({ auth, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const membership = await membershipOf(Number(params.id), user.id)
    if (!membership) return response.notFound()
    const { upTo } = await request.validateUsing(readValidator)
    await markRead(membership.conversationId, user.id, upTo)
    if (wantsJson(request)) return { unreadTotal: await unreadTotal(user.id) }
    return response.redirect(`/messages/${membership.conversationId}`)
  }

  /** A photo or PDF of a message, to its conversation's members only (404 otherwise). */
  async attachment({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const id = Number(params.id)
    const file = Number.isSafeInteger(id)
      ? await tenantDb()
          .from('social_message_attachments as a')
          .join('social_messages as m', 'm.id', 'a.message_id')
          .join('social_conversation_members as cm', (join) => join.on('cm.conversation_id', 'm.conversation_id').andOnVal('cm.user_id', user.id))
          .where('a.id', id)
          .where((q) => q.whereNull('m.hidden_at').orWhere('m.author_id', user.id))
          .select('a.file_key', 'a.mime_type', 'a.file_name', 'a.kind')
          .first()
      : null
    if (!file) return response.notFound()
    privateHeaders(response)
    response.header('content-type', file.mime_type)
    response.header('x-content-type-options', 'nosniff')
    const disposition = file.kind === 'pdf' ? 'attachment' : 'inline'
    response.header('content-disposition', `${disposition}; filename="${file.kind === 'pdf' ? 'document.pdf' : 'photo'}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
    return response.send(Buffer.from(await drive.use().getBytes(file.file_key)))
  }

  #json(message: MessageView) {
    return {
      id: message.id,
      author: message.author,
      authorUrl: message.authorUrl,
      mine: message.mine,
      hidden: message.hidden,
      segments: message.segments,
      createdAt: formatDateTime(message.createdAt),
      attachments: message.attachments,
    }
  }

  #refuse({ request, response, session, i18n }: HttpContext, back: string, error: ConversationRefused) {
    const message = i18n.t(`social_conversations.refusals.${error.reason}`, error.values)
    if (wantsJson(request)) return response.unprocessableEntity({ errors: [{ field: error.field, rule: 'social_conversations', message }] })
    session.flashAll()
    session.flash('errorsBag', { [error.field]: message })
    session.flash('inputErrorsBag', { [error.field]: [message] })
    return response.redirect(back)
  }

  #tooMany({ request, response, session, i18n }: HttpContext, back: string, seconds: number) {
    const message = i18n.t('social_conversations.refusals.too_many_requests', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
    response.header('retry-after', String(Math.max(1, seconds)))
    if (wantsJson(request)) return response.tooManyRequests({ errors: [{ message }] })
    session.flashAll()
    session.flash('errorsBag', { E_TOO_MANY_REQUESTS: message })
    return response.redirect(back)
  }
}
