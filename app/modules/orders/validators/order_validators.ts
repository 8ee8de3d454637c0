import vine from '@vinejs/vine'
import { regionTodayIso } from '#core/region_time'
import { ORDER_TYPES } from '#modules/orders/models/order'
import { executorReferenceExists, tenantRecordExists } from '#core/validation_rules'

export const DEADLINE_KEYWORD_VALUES = ['date', 'immediately', 'urgent', 'promptly', 'monthly', 'quarterly', 'permanent', 'none'] as const

/** "department:12" or "user:5": an executor picked in a form or sent by the API. */
const executorReference = () =>
  vine
    .string()
    .trim()
    .regex(/^((department|user):\d+|remote:[a-z][a-z0-9_]{1,40}:[\w.-]{1,64})$/)
    .use(executorReferenceExists())
export const ATTACHMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt', 'xls', 'xlsx', 'ods', 'csv', 'jpg', 'jpeg', 'png', 'zip']
export const ATTACHMENT_MAX_SIZE = '20mb'
/** Files of an order or a report: type and size checked before anything is stored. */
export const attachmentFiles = () => vine.array(vine.file({ size: ATTACHMENT_MAX_SIZE, extnames: ATTACHMENT_EXTENSIONS })).maxLength(10)

const deadlineDate = () => vine.date({ formats: ['YYYY-MM-DD'] })

export const createOrderValidator = vine.create({
  type: vine.enum(ORDER_TYPES),
  basis: vine.string().trim().maxLength(500).optional(),
  text: vine.string().trim().minLength(5).maxLength(10000),
  category: vine.string().trim().maxLength(64).optional(),
  privacy: vine.enum(['normal', 'restricted']).optional(),
  specialControl: vine.boolean().optional(),
  deadlineKeyword: vine.enum(DEADLINE_KEYWORD_VALUES),
  deadline: deadlineDate().optional().requiredWhen('deadlineKeyword', '=', 'date'),
  controllerId: vine.number().positive().use(tenantRecordExists('users')).optional(),
  curatorId: vine.number().positive().use(tenantRecordExists('users')).optional(),
  responsible: executorReference(),
  coExecutors: vine.array(executorReference()).maxLength(50).distinct().optional(),
})

export const delegateOrderValidator = vine.create({
  text: vine.string().trim().minLength(5).maxLength(10000),
  deadlineKeyword: vine.enum(DEADLINE_KEYWORD_VALUES),
  deadline: deadlineDate().optional().requiredWhen('deadlineKeyword', '=', 'date'),
  responsible: executorReference(),
  coExecutors: vine.array(executorReference()).maxLength(50).distinct().optional(),
})

export const changeDeadlineValidator = vine.create({
  deadlineKeyword: vine.enum(DEADLINE_KEYWORD_VALUES),
  deadline: deadlineDate().optional().requiredWhen('deadlineKeyword', '=', 'date'),
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

export const extensionRequestValidator = vine.create({
  requestedDeadline: deadlineDate().afterOrEqual(regionTodayIso),
  justification: vine.string().trim().minLength(10).maxLength(5000),
})

export const extensionDecisionValidator = vine.create({
  decision: vine.enum(['approve', 'reject']),
  comment: vine.string().trim().maxLength(2000).optional(),
})

export const reportValidator = vine.create({
  text: vine.string().trim().minLength(10).maxLength(20000),
  completedOn: deadlineDate().beforeOrEqual(regionTodayIso),
  files: attachmentFiles().optional(),
})

export const uploadValidator = vine.create({
  files: attachmentFiles().minLength(1),
})

export const reviewValidator = vine.create({
  decision: vine.enum(['accept', 'return']),
  comment: vine.string().trim().maxLength(5000).optional().requiredWhen('decision', '=', 'return'),
  /** Accepting an order whose sub-orders are still open needs this confirmation. */
  confirmOpenSubOrders: vine.boolean().optional(),
})

export const removeFromControlValidator = vine.create({
  summary: vine.string().trim().maxLength(5000).optional(),
  confirmOpenSubOrders: vine.boolean().optional(),
})

export const orderFiltersValidator = vine.create({
  q: vine.string().trim().maxLength(200).optional(),
  sort: vine.enum(['deadline', 'relevance']).optional(),
  status: vine.enum(['draft', 'issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned', 'accepted', 'removed']).optional(),
  role: vine.enum(['all', 'executor', 'issuer', 'controller']).optional(),
  executor: vine.string().trim().regex(/^(department|user):\d+$/).optional(),
  overdue: vine.boolean().optional(),
  specialControl: vine.boolean().optional(),
  deadlineFrom: deadlineDate().optional(),
  deadlineTo: deadlineDate().optional(),
  page: vine.number().positive().optional(),
})

export const boardValidator = vine.create({
  department: vine.number().positive().withoutDecimals().optional(),
})
