import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { storeOfficialAccount } from '#modules/social/profiles/actions/store_official_account'

// A body's official account reaches a portal: the portal keeps a user that speaks for the body.
bus.handle('social.official_account_published', async (message, trx) => {
  const portal = tenantScope.currentOrFail()
  if (portal.kind !== 'portal') throw new errors.E_NOT_FOUND(`${portal.slug} is not a portal`)
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || (sender.kind !== 'block' && sender.kind !== 'municipality')) throw new errors.E_NOT_FOUND(`${message.from} is neither a block nor a municipality`)
  await storeOfficialAccount(trx, { slug: sender.slug, kind: sender.kind }, message.payload)
})
