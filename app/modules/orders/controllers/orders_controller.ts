import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import Order, { ORDER_TYPES } from '#modules/orders/models/order'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { findVisibleOrder, listOrders } from '#modules/orders/builders/order_queries'
import { boardValidator, createOrderValidator, orderFiltersValidator } from '#modules/orders/validators/order_validators'
import { CreateOrder, keywordDeadlines } from '#modules/orders/actions/create_order'
import { canTransition, OPEN_STATUSES } from '#modules/orders/lifecycle'
import { openSubOrders } from '#modules/orders/services/sub_orders'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { UpdateDraft } from '#modules/orders/actions/update_draft'
import { departmentBoard } from '#modules/orders/builders/department_board'
import { DEADLINE_KEYWORD_VALUES } from '#modules/orders/validators/order_validators'
import { SimplePaginator } from '#core/simple_paginator'
import Tenant from '#tenancy/tenant'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import { errors } from '#core/errors'
import { settings } from '#core/settings'
import { transcriptionConfigured } from '#modules/orders/services/transcription'

const PAGE_SIZE = 25

/**
 * Executor choices of the forms: the tenant's departments, then people; the
 * departments of other bodies (any body's for the Department of Control,
 * municipal ones for a block) come as groups, one per body.
 */
export async function executorChoices(locale: string) {
  const [departments, users, remote] = await Promise.all([
    Department.query().where('is_active', true).orderBy('name_ru'),
    User.query().where('status', 'active').orderBy('full_name'),
    remoteDepartments(),
  ])
  const blocks = new Map(
    (await Tenant.query().whereIn('slug', [...new Set(remote.map((row) => row.block))])).map((block) => [block.slug, block.name(locale)])
  )
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>()
  for (const row of remote) {
    if (!groups.has(row.block)) groups.set(row.block, { label: blocks.get(row.block) ?? row.block, options: [] })
    groups.get(row.block)!.options.push({ value: `remote:${row.block}:${row.code}`, label: locale === 'en' ? row.name_en : row.name_ru })
  }
  return {
    options: [
      ...departments.map((department) => ({ value: `department:${department.id}`, label: department.name(locale) })),
      ...users.map((user) => ({ value: `user:${user.id}`, label: `${user.fullName} (${user.email})` })),
    ],
    groups: [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, locale)),
  }
}

/**
 * Whom an executor of the order may delegate to: the units below the
 * executor's department (at any depth) and the people working in it and
 * below — never a sibling or a higher unit. A person executing the order
 * personally delegates below their own department only if they head it.
 */
export async function delegateChoices(order: Order, user: User, locale: string) {
  const executor = order.executors.find((candidate) => candidate.isActedOnBy(user))
  const base = executor?.departmentId ?? (executor?.userId && user.hasRole('department_head') ? user.departmentId : null)
  if (!base) return { options: [], groups: [] }
  const departments = await Department.query().where('is_active', true).orderBy('name_ru')
  const below = new Set<number>()
  let frontier = [base]
  while (frontier.length) {
    const next = departments.filter((department) => department.parentId !== null && frontier.includes(department.parentId) && !below.has(department.id))
    for (const department of next) below.add(department.id)
    frontier = next.map((department) => department.id)
  }
  const people = await User.query()
    .where('status', 'active')
    .whereIn('department_id', [base, ...below])
    .whereNot('id', user.id)
    .orderBy('full_name')
  return {
    options: [
      ...departments.filter((department) => below.has(department.id)).map((department) => ({ value: `department:${department.id}`, label: department.name(locale) })),
      ...people.map((person) => ({ value: `user:${person.id}`, label: `${person.fullName} (${person.email})` })),
    ],
    groups: [],
  }
}

/** Choices of the create and edit forms. */
async function formChoices(locale: string) {
  const controllers = await User.query().where('status', 'active').whereIn('role', ['controller', 'head']).orderBy('full_name')
  const [executors, keywordDates] = await Promise.all([executorChoices(locale), keywordDeadlines()])
  return { types: ORDER_TYPES, keywords: DEADLINE_KEYWORD_VALUES, keywordDates, executorOptions: executors.options, executorGroups: executors.groups, controllers }
}

/**
 * Orders on the web: my orders with filters and search, the create form,
 * and the order card with its tree and timeline.
 */
export default class OrdersController {
  async index({ request, view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await orderFiltersValidator.validate(request.qs())
    const page = filters.page ?? 1
    const rows = await listOrders(user, { role: 'all', ...filters })
      .offset((page - 1) * PAGE_SIZE)
      .limit(SimplePaginator.limitFor(PAGE_SIZE))
    const orders = new SimplePaginator(rows, page, PAGE_SIZE)
    const query = Object.fromEntries(Object.entries(request.qs()).filter(([key, value]) => key !== 'page' && value !== ''))
    orders.baseUrl('/orders').queryString(query)
    const search = new URLSearchParams(query as Record<string, string>).toString()
    return view.render('pages/orders/index', {
      orders,
      filters: { role: 'all', ...filters },
      today: DateTime.now(),
      exportQuery: search ? `?${search}` : '',
      departments: await Department.query().where('is_active', true).orderBy('name_ru'),
    })
  }

  /** A department's open orders by status, and the load of its people. */
  async board({ request, bouncer, view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const { department: requested } = await boardValidator.validate(request.qs())
    const choosesAny = await bouncer.with(OrderPolicy).allows('viewAnyBoard')
    const departments = choosesAny ? await Department.query().where('is_active', true).orderBy('name_ru') : []
    const departmentId = requested ?? user.departmentId ?? departments[0]?.id
    if (!departmentId) throw new errors.E_NOT_FOUND('No department to show')
    await bouncer.with(OrderPolicy).authorize('viewBoard', departmentId)
    const department = await Department.findOrFail(departmentId)
    const board = await departmentBoard(user, department.id)
    return view.render('pages/orders/board', { department, departments, board, today: DateTime.now() })
  }

  async create({ bouncer, view, i18n, request }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('create')
    // another page may open the form prefilled (e.g. Control's overdue open data): basis, text, responsible
    const qs = request.qs()
    const prefill = (key: string, max: number) => (typeof qs[key] === 'string' ? qs[key].slice(0, max) : undefined)
    const values = { basis: prefill('basis', 500), text: prefill('text', 5000), responsible: prefill('responsible', 200) }
    return view.render('pages/orders/create', { ...(await formChoices(i18n.locale)), values })
  }

  async edit({ params, bouncer, view, auth, i18n }: HttpContext) {
    const order = await findVisibleOrder(auth.getUserOrFail(), params.id)
    await bouncer.with(OrderPolicy).authorize('edit', order)
    if (order.status !== 'draft') throw new errors.E_FORBIDDEN_TRANSITION(`Order ${order.number} is no longer a draft`)
    const responsible = order.executors.find((executor) => executor.role === 'responsible')
    const values = {
      type: order.type,
      basis: order.basis,
      text: order.text,
      deadlineKeyword: order.deadlineKeyword,
      deadline: order.deadlineKeyword === 'date' ? order.deadline?.toISODate() : null,
      responsible: responsible?.reference,
      coExecutors: order.executors.filter((executor) => executor.role === 'co_executor').map((executor) => executor.reference),
      controllerId: order.controllerId,
      privacy: order.privacy,
      specialControl: order.specialControl,
    }
    return view.render('pages/orders/edit', { ...(await formChoices(i18n.locale)), order, values })
  }

  async update({ params, bouncer, request, response, auth, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    let order = await findVisibleOrder(user, params.id)
    await bouncer.with(OrderPolicy).authorize('edit', order)
    const data = await request.validateUsing(createOrderValidator)
    order = await new UpdateDraft().handle(order, data, user)
    if (request.input('intent') === 'issue') order = await new IssueOrder().handle(order, user)
    session.flash('notice', i18n.t(order.status === 'draft' ? 'orders.flash.updated' : 'orders.flash.issued', { number: order.number }))
    return response.redirect(`/orders/${order.id}`)
  }

  async store({ bouncer, request, response, auth, session, i18n }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('create')
    const data = await request.validateUsing(createOrderValidator)
    const user = auth.getUserOrFail()
    let order = await new CreateOrder().handle(data, user)
    if (request.input('intent') === 'issue') order = await new IssueOrder().handle(order, user)
    session.flash('notice', i18n.t(order.status === 'draft' ? 'orders.flash.created' : 'orders.flash.issued', { number: order.number }))
    return response.redirect(`/orders/${order.id}`)
  }

  async show({ params, view, auth, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const order = await findVisibleOrder(user, params.id)
    await order.load((loader) => {
      loader
        .load('executors', (executors) => executors.preload('user').preload('department').orderBy('id'))
        .load('issuer')
        .load('controller')
        .load('curator')
        .load('parent')
        .load('activities', (activities) => activities.preload('actor').orderBy('id', 'desc'))
        .load('reports', (reports) => reports.preload('author').orderBy('id', 'desc'))
        .load('extensionRequests', (requests) => requests.preload('requester').orderBy('id', 'desc'))
        .load('attachments', (attachments) => attachments.preload('uploader').orderBy('id'))
        .load('voiceNotes', (notes) => notes.preload('attachment').orderBy('id'))
    })
    const tree = await visibleTo(Order.query(), user)
      .where((family) => family.whereRaw('orders.ancestor_ids @> array[?]::int[]', [order.id]))
      .preload('executors', (executors) => executors.preload('user').preload('department'))
      .orderBy('orders.id')
    const ancestors = order.ancestorIds.length
      ? await visibleTo(Order.query(), user).whereIn('orders.id', order.ancestorIds).orderBy('orders.id')
      : []
    const policy = bouncer.with(OrderPolicy)
    // What the card offers: what the person's role allows AND the order's status allows, nothing else.
    const status = order.status
    const can = {
      edit: status === 'draft' && (await policy.allows('edit', order)),
      issue: status === 'draft' && (await policy.allows('issue', order)),
      changeDeadline: (status === 'draft' || OPEN_STATUSES.includes(status)) && (await policy.allows('changeDeadline', order)),
      start: canTransition(status, 'start') && (await policy.allows('start', order)),
      requestExtension: canTransition(status, 'request_extension') && (await policy.allows('requestExtension', order)),
      decideExtension: canTransition(status, 'decide_extension') && (await policy.allows('decideExtension', order)),
      report: canTransition(status, 'submit_report') && (await policy.allows('report', order)),
      review: canTransition(status, 'accept') && (await policy.allows('review', order)),
      delegate: OPEN_STATUSES.includes(status) && status !== 'report_submitted' && (await policy.allows('delegate', order)),
      removeFromControl: canTransition(status, 'remove_from_control') && (await policy.allows('removeFromControl', order)),
      attach: await policy.allows('attach', order),
    }
    // Accepting or removing from control while sub-orders are open asks to confirm, listing them.
    const openChildren = can.review || can.removeFromControl ? await openSubOrders(order.id) : []
    const pendingExtension = order.extensionRequests.find((request) => request.status === 'pending') ?? null
    const remoteSlugs = [...new Set(order.executors.map((executor) => executor.remoteTenant).filter((slug): slug is string => !!slug))]
    const tenantNames = Object.fromEntries(
      (remoteSlugs.length ? await Tenant.query().whereIn('slug', remoteSlugs) : []).map((tenant) => [tenant.slug, tenant.name(i18n.locale)])
    )
    return view.render('pages/orders/show', {
      order,
      tenantNames,
      tree,
      ancestors,
      can,
      keywords: DEADLINE_KEYWORD_VALUES,
      keywordDates: can.delegate || can.changeDeadline ? await keywordDeadlines() : {},
      openChildren,
      pendingExtension,
      delegateOptions: can.delegate ? (await delegateChoices(order, user, i18n.locale)).options : [],
      today: DateTime.now(),
      maxUploadMb: settings.voiceMaxUploadMb,
      transcriptionConfigured: transcriptionConfigured(),
    })
  }
}
