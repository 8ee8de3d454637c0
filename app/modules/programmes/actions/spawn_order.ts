import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import Programme from '#modules/programmes/models/programme'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'

/**
 * Turns a programme event into an issued order to its responsible
 * department, due on the event's planned end; the event keeps the link.
 */
export class SpawnOrderFromEvent {
  async handle(event: ProgrammeEvent, actor: User) {
    if (event.orderId) throw new errors.E_FORBIDDEN_TRANSITION('This event already has an order')
    if (!event.departmentId) throw new errors.E_FORBIDDEN_TRANSITION('The event has no responsible department')
    const programme = await Programme.findOrFail(event.programmeId)
    const draft = await new CreateOrder().handle(
      {
        type: 'order',
        basis: `${programme.code ? `${programme.code} ` : ''}${programme.title}`.slice(0, 500),
        text: event.title,
        category: 'programme',
        deadlineKeyword: 'date',
        deadline: event.plannedEnd.toJSDate(),
        responsible: `department:${event.departmentId}`,
      },
      actor
    )
    const order = await new IssueOrder().handle(draft, actor)
    event.orderId = order.id
    await event.save()
    return order
  }
}
