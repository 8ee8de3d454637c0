/*
|--------------------------------------------------------------------------
| Tenant bus handlers
|--------------------------------------------------------------------------
|
| The one place where modules register what they do with a message that
| arrives from another tenant (app/bus/message_types.ts lists the types).
| A handler runs in the receiving tenant's scope, inside the transaction that
| marks the message applied; it answers with bus.reply(trx, message, …).
| Loaded by the applier on first use, in whichever process applies messages.
|
*/

import { bus } from '#bus/bus'

bus.handle('bus.ping', async (message, trx) => {
  await bus.reply(trx, message, 'bus.pong', { echo: message.payload.echo })
})

// the pong is the answer; its arrival (an applied inbox row) is all there is to it
bus.handle('bus.pong', async () => {})
import '#modules/orders/bus_handlers'
import '#modules/identity/bus_handlers'
import '#modules/problems/bus_handlers'
import '#modules/lawmaking/bus_handlers'
import '#modules/lawmaking/initiative_bus_handlers'
import '#modules/lawmaking/expertise_bus_handlers'
import '#modules/opendata/bus_handlers'
import '#modules/priorities/bus_handlers'
import '#modules/service_ratings/bus_handlers'
import '#modules/social/profiles/bus_handlers'
import '#modules/suggestions/bus_handlers'
