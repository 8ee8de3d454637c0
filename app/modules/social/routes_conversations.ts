// The conversations area's routes (app/modules/social/routes.ts loads every area).
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import { tenantScope } from '#tenancy/tenant_scope'
import { CHANNEL_PATTERN } from '#modules/social/conversations/services/live'

const ConversationsController = () => import('#modules/social/conversations/controllers/conversations_controller')
const BlocksController = () => import('#modules/social/conversations/controllers/blocks_controller')
const id = router.matchers.number()

router
  .group(() => {
    router.get('/messages', [ConversationsController, 'index']).as('social.conversations.index')
    router.get('/messages/new', [ConversationsController, 'create']).as('social.conversations.create')
    router.post('/messages', [ConversationsController, 'store']).as('social.conversations.store')
    router.get('/messages/blocks', [BlocksController, 'index']).as('social.conversations.blocks.index')
    router.post('/messages/blocks', [BlocksController, 'store']).as('social.conversations.blocks.store')
    router.post('/messages/blocks/:userId/delete', [BlocksController, 'destroy']).where('userId', id).as('social.conversations.blocks.destroy')
    router.get('/messages/attachments/:id', [ConversationsController, 'attachment']).where('id', id).as('social.conversations.attachment')
    router.get('/messages/:id', [ConversationsController, 'show']).where('id', id).as('social.conversations.show')
    router.get('/messages/:id/messages.json', [ConversationsController, 'messages']).where('id', id).as('social.conversations.messages')
    router.post('/messages/:id', [ConversationsController, 'send']).where('id', id).as('social.conversations.send')
    router.post('/messages/:id/read', [ConversationsController, 'read']).where('id', id).as('social.conversations.read')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Server-Sent Events (/__transmit/events, /subscribe, /unsubscribe): portal users only.
transmit.registerRoutes((route) => {
  route.use([middleware.kind(['portal']), middleware.auth()])
})

/**
 * A conversation's channel: the tenant in its name must be the request's,
 * and the signed-in user one of its members; anybody else is refused.
 */
transmit.authorize<{ tenant: string; id: string }>(CHANNEL_PATTERN, async (ctx: HttpContext, { tenant, id }) => {
  const user = ctx.auth.user
  if (!user || tenantScope.current()?.slug !== tenant || !/^\d{1,15}$/.test(id)) return false
  const { membershipOf } = await import('#modules/social/conversations/services/conversation_queries')
  return !!(await membershipOf(Number(id), user.id))
})

// Open streams never end on their own: a shutting-down server would wait for them forever.
app.terminating(() => {
  for (const [stream] of transmit.getManager().getAllSubscribers()) stream.end()
})
