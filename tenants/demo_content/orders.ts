import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import Order, { type OrderType } from '#modules/orders/models/order'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { StartOrder } from '#modules/orders/actions/start_order'
import { RequestExtension } from '#modules/orders/actions/request_extension'
import { DecideExtension } from '#modules/orders/actions/decide_extension'
import { SubmitReport } from '#modules/orders/actions/submit_report'
import { ReviewReport } from '#modules/orders/actions/review_report'
import { RemoveFromControl } from '#modules/orders/actions/remove_from_control'
import { DelegateOrder } from '#modules/orders/actions/delegate_order'
import { remoteDepartments } from '#modules/orders/services/remote_departments'
import { dayFromToday, momentAgo, type OfficeCast } from '#tenants/demo_content/cast'

/** Where an order goes through its lifecycle; every step is the real action. */
type Stage =
  | 'draft'
  | 'issued'
  | 'in_progress'
  | 'extension_requested'
  | 'extension_approved'
  | 'report_submitted'
  | 'returned'
  | 'accepted'
  | 'removed'
  | 'delegated'

interface DemoOrder {
  text: string
  stage: Stage
  /** lead: the lead department; executor: its executor in person; other: the other departments in turn. */
  to: 'lead' | 'executor' | 'other'
  /** Deadline in days from today (negative: already passed). */
  deadline: number
  /** Days since it was issued (backdated after the actions stamp "now"). */
  issuedAgo: number
  type?: OrderType
  basis?: string
  specialControl?: boolean
  /** Accepted orders: the completion date, days from today. */
  completed?: number
  /** Extension requests: the requested deadline, days from today. */
  requested?: number
  comment?: string
  child?: { text: string; deadline: number }
}

const MEETING = 'Протокол совещания у вице-губернатора'
const GOVERNOR = 'Поручение губернатора края'

/** About twenty orders in every state, with deadlines relative to today. */
const DEMO_ORDERS: DemoOrder[] = [
  { stage: 'draft', to: 'other', deadline: 30, issuedAgo: 0, text: 'Подготовить предложения по оптимизации сети подведомственных учреждений на 2027 год' },
  { stage: 'draft', to: 'other', deadline: 20, issuedAgo: 0, type: 'resolution', text: 'Разработать проект порядка предоставления субсидий социально ориентированным некоммерческим организациям' },
  { stage: 'issued', to: 'other', deadline: -4, issuedAgo: 20, basis: MEETING, type: 'protocol', text: 'Представить информацию об исполнении плана мероприятий по снижению просроченной кредиторской задолженности' },
  { stage: 'issued', to: 'other', deadline: 2, issuedAgo: 8, specialControl: true, basis: 'Перечень поручений Президента Российской Федерации', text: 'Обеспечить размещение отчёта о реализации национальных проектов в ГАС «Управление»' },
  { stage: 'issued', to: 'other', deadline: 12, issuedAgo: 3, type: 'meeting', basis: MEETING, text: 'Провести выездное совещание с главами муниципальных образований по подготовке к отопительному периоду' },
  { stage: 'issued', to: 'other', deadline: -9, issuedAgo: 30, specialControl: true, basis: 'Представление Контрольно-счётной палаты края', text: 'Устранить замечания Контрольно-счётной палаты края по итогам проверки использования бюджетных средств' },
  { stage: 'in_progress', to: 'lead', deadline: -6, issuedAgo: 25, text: 'Актуализировать реестр государственных услуг и административных регламентов' },
  { stage: 'in_progress', to: 'executor', deadline: 3, issuedAgo: 10, text: 'Подготовить справку к заседанию Правительства края о ходе исполнения поручений' },
  { stage: 'in_progress', to: 'lead', deadline: 40, issuedAgo: 14, specialControl: true, basis: GOVERNOR, text: 'Обеспечить достижение целевых показателей регионального проекта по итогам 2026 года' },
  { stage: 'extension_requested', to: 'lead', deadline: 1, issuedAgo: 18, requested: 21, text: 'Организовать мониторинг удовлетворённости граждан качеством предоставления услуг', comment: 'Анкетирование в муниципалитетах завершится позже, нужны ещё три недели' },
  { stage: 'extension_requested', to: 'executor', deadline: -2, issuedAgo: 22, requested: 10, text: 'Представить предложения в проект закона о краевом бюджете на очередной финансовый год', comment: 'Ожидаем уточнённые контрольные цифры от Министерства финансов' },
  { stage: 'extension_approved', to: 'lead', deadline: 2, issuedAgo: 19, requested: 25, text: 'Подготовить план-график мероприятий по цифровизации межведомственного документооборота', comment: 'Требуется согласование с оператором региональной системы' },
  { stage: 'report_submitted', to: 'lead', deadline: 5, issuedAgo: 12, completed: -1, text: 'Провести инвентаризацию имущества, закреплённого за подведомственными учреждениями' },
  { stage: 'report_submitted', to: 'executor', deadline: -1, issuedAgo: 15, completed: -1, text: 'Направить в Министерство финансов края обоснования бюджетных ассигнований' },
  { stage: 'returned', to: 'lead', deadline: 4, issuedAgo: 16, completed: -2, type: 'protocol', basis: MEETING, text: 'Подготовить доклад об итогах работы за девять месяцев', comment: 'Не приведены данные в разрезе муниципальных образований; доработать' },
  { stage: 'accepted', to: 'lead', deadline: -10, issuedAgo: 40, completed: -12, text: 'Утвердить план мероприятий по противодействию коррупции на 2026–2027 годы' },
  { stage: 'accepted', to: 'executor', deadline: -20, issuedAgo: 45, completed: -15, text: 'Обеспечить подготовку учреждений к осенне-зимнему периоду' },
  { stage: 'accepted', to: 'lead', deadline: -3, issuedAgo: 21, completed: -4, specialControl: true, basis: GOVERNOR, text: 'Представить сведения о потребности в кадрах на трёхлетний период' },
  { stage: 'removed', to: 'lead', deadline: -30, issuedAgo: 60, completed: -32, text: 'Провести приём граждан по личным вопросам в муниципальных образованиях края' },
  {
    stage: 'delegated', to: 'lead', deadline: 15, issuedAgo: 9, basis: GOVERNOR,
    text: 'Организовать подготовку материалов к ежегодному отчёту губернатора перед Законодательным Собранием',
    child: { text: 'Собрать и обобщить сведения подведомственных учреждений для отчёта губернатора', deadline: 8 },
  },
]

/**
 * The plans an office gets: offices would all look alike with the same list,
 * so each leaves out a different quarter of the plans whose state is also
 * shown by another plan (every state stays on every office).
 */
function plansFor(slug: string) {
  const variant = [...slug].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 4
  const perStage = new Map<Stage, number>()
  for (const plan of DEMO_ORDERS) perStage.set(plan.stage, (perStage.get(plan.stage) ?? 0) + 1)
  return DEMO_ORDERS.filter((plan, index) => perStage.get(plan.stage)! === 1 || (index + variant) % 4 !== 0)
}

const REPORT_TEXT = 'Поручение исполнено: мероприятия проведены в полном объёме, материалы направлены в установленный срок.'

function reload(id: number) {
  return Order.query().where('id', id).preload('executors').firstOrFail()
}

/**
 * Issues the demo orders of an office (block or control) and walks each to
 * its state through the orders actions, so executors, history and
 * notifications are what the screens expect; then backdates the moments the
 * actions stamped "now". Returns how many orders were written.
 */
export async function seedOrders(cast: OfficeCast) {
  const others = cast.departments.filter((department) => department.id !== cast.lead.id)
  let nextOther = 0
  let written = 0
  for (const plan of plansFor(tenantScope.currentOrFail().slug)) {
    // Only the lead department has people to act; without them an order stops at "issued".
    const actor = plan.to === 'executor' ? (cast.leadExecutor ?? cast.leadHead) : (cast.leadHead ?? cast.leadExecutor)
    const responsible =
      plan.to === 'other' && others.length
        ? `department:${others[nextOther++ % others.length].id}`
        : plan.to === 'executor' && cast.leadExecutor
          ? `user:${cast.leadExecutor.id}`
          : `department:${cast.lead.id}`
    const draft = await new CreateOrder().handle(
      {
        type: plan.type ?? 'order',
        basis: plan.basis,
        text: plan.text,
        specialControl: plan.specialControl,
        deadlineKeyword: 'date',
        deadline: dayFromToday(plan.deadline).toJSDate(),
        controllerId: cast.controller?.id,
        responsible,
      },
      cast.head
    )
    written++
    if (plan.stage !== 'draft') {
      await new IssueOrder().handle(draft, cast.head)
      if (plan.to === 'other' || !actor) {
        await backdate(draft.id, plan)
        continue
      }
      written += await walk(draft.id, plan, actor, cast)
    }
    await backdate(draft.id, plan)
  }
  return written
}

/** Moves an issued order to its planned stage; returns the sub-orders it created. */
async function walk(id: number, plan: DemoOrder, actor: User, cast: OfficeCast) {
  const { head } = cast
  const completedOn = dayFromToday(plan.completed ?? -1).toJSDate()
  const justification = plan.comment ?? 'Требуется дополнительное время'
  switch (plan.stage) {
    case 'issued':
      return 0
    case 'in_progress':
      await new StartOrder().handle(await reload(id), actor)
      return 0
    case 'extension_requested':
    case 'extension_approved':
      await new StartOrder().handle(await reload(id), actor)
      await new RequestExtension().handle(await reload(id), { requestedDeadline: dayFromToday(plan.requested!).toJSDate(), justification }, actor)
      if (plan.stage === 'extension_approved') await new DecideExtension().handle(await reload(id), { decision: 'approve', comment: 'Согласовано' }, head)
      return 0
    case 'report_submitted':
      await new StartOrder().handle(await reload(id), actor)
      await new SubmitReport().handle(await reload(id), { text: REPORT_TEXT, completedOn }, actor)
      return 0
    case 'returned':
      await new StartOrder().handle(await reload(id), actor)
      await new SubmitReport().handle(await reload(id), { text: 'Доклад подготовлен, прилагается.', completedOn }, actor)
      await new ReviewReport().handle(await reload(id), { decision: 'return', comment: plan.comment }, head)
      return 0
    case 'accepted':
    case 'removed':
      await new StartOrder().handle(await reload(id), actor)
      await new SubmitReport().handle(await reload(id), { text: REPORT_TEXT, completedOn }, actor)
      await new ReviewReport().handle(await reload(id), { decision: 'accept' }, head)
      if (plan.stage === 'removed') {
        await new RemoveFromControl().handle(await reload(id), { summary: 'Исполнено, снято с контроля' }, cast.controller ?? head)
      }
      return 0
    case 'delegated': {
      const delegate = cast.leadExecutor
      if (!delegate || !cast.leadHead) return 0
      const child = await new DelegateOrder().handle(
        await reload(id),
        { text: plan.child!.text, deadlineKeyword: 'date', deadline: dayFromToday(plan.child!.deadline).toJSDate(), responsible: `user:${delegate.id}` },
        cast.leadHead
      )
      await new StartOrder().handle(await reload(child.id), delegate)
      await backdate(child.id, { ...plan, issuedAgo: Math.max(plan.issuedAgo - 2, 0) })
      return 1
    }
    case 'draft':
      return 0
  }
}

/**
 * The actions stamp "now"; a believable demo has orders issued weeks ago and
 * executed on their reports' dates. History rows stay as written (they are
 * append-only by design).
 */
async function backdate(id: number, plan: DemoOrder) {
  const order = await Order.findOrFail(id)
  const issuedAt = momentAgo(plan.issuedAgo)
  const createdAt = plan.stage === 'draft' ? momentAgo(1, 16) : issuedAt.minus({ hours: 2 })
  const completed = plan.completed === undefined ? null : dayFromToday(plan.completed)
  const acceptedAt = order.acceptedAt && completed ? completed.plus({ days: 1 }).set({ hour: 11 }) : null
  await tenantDb()
    .from('orders')
    .where('id', id)
    .update({
      created_at: createdAt.toJSDate(),
      issued_at: order.issuedAt ? issuedAt.toJSDate() : null,
      accepted_at: acceptedAt?.toJSDate() ?? null,
      removed_at: order.removedAt && acceptedAt ? acceptedAt.plus({ days: 2 }).toJSDate() : null,
    })
  if (completed) {
    await tenantDb().from('order_reports').where('order_id', id).update({ created_at: completed.set({ hour: 17 }).toJSDate() })
  }
}

/**
 * The Department of Control's order to a block department, through the
 * cross-tenant mechanism: the executor is "remote:<block>:<code>", and
 * issuing it puts the block's copy on the tenant bus. A department with a
 * head (read from the rollup) is preferred, so the block can take it into work.
 */
export async function seedCrossTenantOrder(cast: OfficeCast, regionBlocks: string[]) {
  const candidates = (await remoteDepartments()).filter((candidate) => regionBlocks.includes(candidate.block))
  if (!candidates.length) return 0
  const staffed = await tenantDb()
    .from('rollup.staff')
    .where('role', 'department_head')
    .where('status', 'active')
    .select('block', 'department_id')
  const departments = await tenantDb().from('rollup.departments').select('block', 'id', 'code')
  const headed = new Set(
    staffed.map((row) => `${row.block}:${departments.find((department) => department.block === row.block && department.id === row.department_id)?.code}`)
  )
  const target = candidates.find((candidate) => headed.has(`${candidate.block}:${candidate.code}`)) ?? candidates[0]
  const draft = await new CreateOrder().handle(
    {
      type: 'order',
      basis: 'План контрольных мероприятий Департамента контроля',
      text: 'Представить в Департамент контроля информацию о ходе исполнения поручений губернатора края с истекающим сроком',
      specialControl: true,
      deadlineKeyword: 'date',
      deadline: DateTime.now().plus({ days: 10 }).toJSDate(),
      controllerId: cast.controller?.id,
      responsible: `remote:${target.block}:${target.code}`,
    },
    cast.head
  )
  await new IssueOrder().handle(await reload(draft.id), cast.head)
  return 1
}

/**
 * A block's follow-up once the bus has delivered: the department takes the
 * Department of Control's orders into work (its answer travels back).
 */
export async function startOrdersFromControl(cast: OfficeCast) {
  const copies = await Order.query().whereNotNull('origin_tenant').where('status', 'issued').preload('executors')
  let started = 0
  for (const copy of copies) {
    const actor = [cast.leadHead, cast.leadExecutor].find((person) => person && copy.executors.some((executor) => executor.isActedOnBy(person)))
    if (!actor) continue
    await new StartOrder().handle(copy, actor)
    started++
  }
  return started
}
