import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import { DIRECTORY_KEEPERS, storeDirectory } from '#modules/identity/services/directory'

/*
| The directory of bodies: a body publishes its departments, the portal
| and the blocks keep them. The sender is the one the relay names; its kind comes from
| the central registry, not from the payload.
*/
bus.handle('directory.published', async (message, trx) => {
  if (!(DIRECTORY_KEEPERS as readonly string[]).includes(tenantScope.currentOrFail().kind)) return
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || !isBodyKind(sender.kind)) {
    throw new errors.E_FORBIDDEN_TRANSITION(`"${message.from}" is not a body: its directory is refused`)
  }
  await storeDirectory(trx, { slug: sender.slug, kind: sender.kind }, message.payload)
})
