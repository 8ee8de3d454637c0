import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import { errors } from '#core/errors'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import StaffingStaff, { STAFF_STATUSES } from '#modules/staffing/models/staffing_staff'
import StaffingChange from '#modules/staffing/models/staffing_change'
import { SavePosition } from '#modules/staffing/actions/save_position'
import { AddStaff } from '#modules/staffing/actions/add_staff'
import { EndStaff } from '#modules/staffing/actions/end_staff'
import { findVisibleDepartment } from '#modules/staffing/services/visible_departments'
import { KEY_POSTS } from '#modules/staffing/services/risk_rules'
import { staffingMessages } from '#modules/staffing/validators/staffing_messages'
import { endStaffValidator, positionValidator, staffValidator } from '#modules/staffing/validators/staffing_validators'

/**
 * Positions of the establishment table and the people on them: a position's
 * card, its changes, appointments and departures.
 */
export default class PositionsController {
  /** The position, if the user may see its department; 404 otherwise. */
  async #position(ctx: HttpContext, id: number) {
    const position = await StaffingPosition.find(id)
    if (!position) throw new errors.E_NOT_FOUND('Position not found')
    await findVisibleDepartment(ctx, position.departmentId)
    return position
  }

  async show(ctx: HttpContext) {
    const position = await this.#position(ctx, ctx.params.id)
    await position.load('department')
    await position.load('staff', (staff) => staff.orderByRaw('ended_on is not null').orderBy('since', 'desc'))
    const history = await StaffingChange.query().where('position_id', position.id).preload('actor').orderBy('id', 'desc').limit(50)
    return ctx.view.render('pages/staffing/position', { position, values: position, history, keyPosts: KEY_POSTS, staffStatuses: STAFF_STATUSES })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n, auth } = ctx
    const department = await findVisibleDepartment(ctx, params.id)
    await bouncer.with(StaffingPolicy).authorize('manage', department.id)
    const data = await request.validateUsing(positionValidator, { messagesProvider: staffingMessages(i18n) })
    const position = await new SavePosition().handle(department.id, data, auth.getUserOrFail())
    await recordAudit(actorFromContext(ctx), 'staffing.position.created', { type: 'staffing_position', id: position.id })
    session.flash('notice', i18n.t('staffing.flash.position_saved'))
    return response.redirect(`/staffing/departments/${department.id}`)
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n, auth } = ctx
    const position = await this.#position(ctx, params.id)
    await bouncer.with(StaffingPolicy).authorize('manage', position.departmentId)
    const data = await request.validateUsing(positionValidator, { messagesProvider: staffingMessages(i18n) })
    await new SavePosition().handle(position.departmentId, data, auth.getUserOrFail(), position)
    await recordAudit(actorFromContext(ctx), 'staffing.position.updated', { type: 'staffing_position', id: position.id })
    session.flash('notice', i18n.t('staffing.flash.position_saved'))
    return response.redirect(`/staffing/positions/${position.id}`)
  }

  async addStaff(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n, auth } = ctx
    const position = await this.#position(ctx, params.id)
    await bouncer.with(StaffingPolicy).authorize('manage', position.departmentId)
    const data = await request.validateUsing(staffValidator, { messagesProvider: staffingMessages(i18n) })
    const staff = await new AddStaff().handle(position, data, auth.getUserOrFail())
    await recordAudit(actorFromContext(ctx), 'staffing.staff.added', { type: 'staffing_staff', id: staff.id }, { status: staff.status })
    session.flash('notice', i18n.t('staffing.flash.staff_saved'))
    return response.redirect(`/staffing/positions/${position.id}`)
  }

  async endStaff(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n, auth } = ctx
    const staff = await StaffingStaff.find(params.id)
    if (!staff) throw new errors.E_NOT_FOUND('Not found')
    await findVisibleDepartment(ctx, staff.departmentId)
    await bouncer.with(StaffingPolicy).authorize('manage', staff.departmentId)
    const { endedOn } = await request.validateUsing(endStaffValidator, { messagesProvider: staffingMessages(i18n) })
    await new EndStaff().handle(staff, endedOn, auth.getUserOrFail())
    await recordAudit(actorFromContext(ctx), 'staffing.staff.ended', { type: 'staffing_staff', id: staff.id })
    session.flash('notice', i18n.t('staffing.flash.staff_ended'))
    return response.redirect(`/staffing/positions/${staff.positionId}`)
  }
}
