import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import OrderPolicy from '#modules/orders/policies/order_policy'
import OrderAttachment from '#modules/orders/models/order_attachment'
import { findVisibleOrder } from '#modules/orders/builders/order_queries'
import { AttachFiles } from '#modules/orders/actions/attach_files'
import { uploadValidator } from '#modules/orders/validators/order_validators'

/**
 * Files of an order: upload (issuer and executors) and download (everyone
 * who sees the order). Downloads stream from Drive; keys are never exposed.
 */
export default class OrderAttachmentsController {
  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, params, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const order = await findVisibleOrder(user, params.id)
    await bouncer.with(OrderPolicy).authorize('attach', order)
    const { files } = await request.validateUsing(uploadValidator)
    const attachments = await new AttachFiles().handle(order, files, user)
    if (request.url().startsWith('/api/')) {
      return response.created({ data: attachments.map((item) => ({ id: item.id, fileName: item.fileName, size: item.size, mimeType: item.mimeType })) })
    }
    session.flash('notice', i18n.t('orders.flash.files_attached', { count: attachments.length }))
    return response.redirect(`/orders/${order.id}`)
  }

  async show({ response, auth, params }: HttpContext) {
    const order = await findVisibleOrder(auth.getUserOrFail(), params.id)
    const attachment = await OrderAttachment.query().where('order_id', order.id).where('id', params.attachmentId).firstOrFail()
    const disk = drive.use()
    response.header('content-type', attachment.mimeType)
    response.attachment(attachment.fileName)
    return response.stream(await disk.getStream(attachment.storageKey))
  }
}
