import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { listOrders, type OrderFilters } from '#modules/orders/builders/order_queries'
import { DateTime } from 'luxon'
import { cachedOrdersDashboard } from '#modules/orders/builders/orders_dashboard'
import { orderFiltersValidator } from '#modules/orders/validators/order_validators'
import ProgrammePolicy from '#modules/programmes/policies/programme_policy'
import { programmeOverview } from '#modules/programmes/services/programme_overview'
import { writeOrdersPdf, writeOrdersXlsx } from '#modules/orders/exports/orders_export'
import { clockDate } from '#core/clock'

const EXPORT_BATCH = 500

/** The filtered list in batches of ids (keyset), so exports stream. */
async function* batchesOf(user: User, filters: OrderFilters): AsyncIterable<Order[]> {
  let lastId = 0
  for (;;) {
    const batch = await listOrders(user, filters)
      .clearOrder()
      .where('orders.id', '>', lastId)
      .orderBy('orders.id')
      .limit(EXPORT_BATCH)
    if (!batch.length) return
    lastId = batch[batch.length - 1].id
    yield batch
  }
}

/**
 * The orders dashboard and exports of any filtered list (XLSX and PDF).
 */
export default class OrdersReportsController {
  async dashboard({ auth, view, i18n, bouncer }: HttpContext) {
    const [figures, programmes] = await Promise.all([
      cachedOrdersDashboard(auth.getUserOrFail(), i18n.locale),
      // Programme progress and lagging events sit beside the orders they spawn.
      bouncer.with(ProgrammePolicy).allows('view').then((allowed) => (allowed ? programmeOverview(10) : null)),
    ])
    return view.render('pages/orders/dashboard', { figures, programmes, computedAt: DateTime.fromISO(figures.computedAt) })
  }

  async export({ auth, request, response, i18n, params }: HttpContext) {
    const filters = await orderFiltersValidator.validate(request.qs())
    const user = auth.getUserOrFail()
    const stream = new PassThrough()
    const stamp = clockDate().toISOString().slice(0, 10)
    const batches = batchesOf(user, { role: 'all', ...filters })
    if (params.format === 'xlsx') {
      response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      response.attachment(`orders-${stamp}.xlsx`)
      writeOrdersXlsx(batches, stream, i18n).catch((error) => stream.destroy(error))
    } else {
      response.header('content-type', 'application/pdf')
      response.attachment(`orders-${stamp}.pdf`)
      writeOrdersPdf(batches, stream, i18n, i18n.t('orders.title')).catch((error) => stream.destroy(error))
    }
    return response.stream(stream)
  }
}
