import { errors as vineErrors } from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { regionTodayIso } from '#core/region_time'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { CreateOrder, deadlineFor } from '#modules/orders/actions/create_order'
import type { Translate } from '#modules/lawmaking/services/consultation'

/*
| An order a law-making answer spawns: an accepted initiative, or a decision
| on a remark that needs work outside the text. Checked before the answer's
| transaction, written inside it (the order and the answer commit together),
| issued after the commit like any order from a module.
*/

/** What the department asks for: the executor department, the deadline, an optional text. */
export interface SpawnedOrderInput {
  departmentId: number
  dueOn: import('luxon').DateTime
  text?: string | null
}

/** What the order says of where it comes from and what to do by default. */
export interface SpawnedOrderFacts {
  basis: string
  defaultText: string
  category: 'lawmaking_initiative' | 'lawmaking_remark'
}

function invalid(field: string, message: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, rule: 'order', message }])
}

/** 422 on the form's own fields when the department is not an active one or the deadline has passed; the deadline as orders count it. */
export async function checkSpawnedOrder(order: SpawnedOrderInput, t: Translate) {
  if (!(await Department.query().where('id', order.departmentId).where('is_active', true).first())) {
    throw invalid('orderDepartmentId', t('lawmaking_initiatives.errors.order_department'))
  }
  if (order.dueOn.toISODate()! < regionTodayIso()) throw invalid('orderDueOn', t('lawmaking_initiatives.errors.order_due_past'))
  return deadlineFor('date', order.dueOn.toJSDate())
}

/** Writes the order (a draft until IssueOrder runs after the commit) in the answer's transaction. */
export async function insertSpawnedOrder(
  trx: TransactionClientContract,
  order: SpawnedOrderInput,
  facts: SpawnedOrderFacts,
  deadline: Awaited<ReturnType<typeof deadlineFor>>,
  user: User
) {
  const created = await new CreateOrder().insert(
    trx,
    {
      type: 'order',
      basis: facts.basis.slice(0, 500),
      text: order.text?.trim() || facts.defaultText,
      category: facts.category,
      deadlineKeyword: 'date',
      deadline: order.dueOn.toJSDate(),
      responsible: `department:${order.departmentId}`,
    },
    deadline,
    user
  )
  return created.order
}
