import vine, { errors as vineErrors } from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'
import { errors } from '#core/errors'
import type { BusMessageType } from '#bus/message_types'

/**
 * The shape of every message type's payload (app/bus/message_types.ts says
 * what each field means), checked before a handler sees the message: a
 * malformed payload fails with the field it lacks, not with whatever a
 * handler happens to trip over three calls later. The handler still receives
 * the payload as it was sent.
 */

const text = () => vine.string()
const id = () => vine.number()

const orderReference = {
  orderId: id(),
  executorId: id(),
  number: text(),
}

const photo = () => vine.object({ key: text(), mimeType: text() })

const remarkDecision = () =>
  vine.object({
    draftId: id(),
    remarkId: id(),
    decision: vine.enum(['accepted', 'partly_accepted', 'rejected', 'out_of_scope']),
    reason: text().nullable(),
    decidedAt: text(),
  })

/** A body's open dataset passport as it travels to the portal; the identifier is `<INN>-<name>`. */
const opendataDataset = () =>
  vine.object({
    identifier: text().regex(/^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/),
    titleRu: text(),
    titleEn: text(),
    descriptionRu: text(),
    descriptionEn: text(),
    subject: text(),
    keywords: text(),
    licence: text(),
    frequency: vine.enum(['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular']),
    provenance: text().nullable(),
    validUntil: text().nullable(),
    createdAt: text(),
    // a generated dataset found current without a new version (absent from older senders)
    confirmedAt: text().nullable().optional(),
  })

const opendataPublisher = () =>
  vine.object({ inn: text().regex(/^\d{10}(\d{2})?$/), nameRu: text(), nameEn: text(), responsiblePerson: text(), phone: text(), email: text() })

const schemas: Record<BusMessageType, SchemaTypes> = {
  'bus.ping': vine.object({ echo: text().optional() }),
  'bus.pong': vine.object({ echo: text().optional() }),

  'orders.issued': vine.object({
    ...orderReference,
    type: text(),
    body: text(),
    dueOn: text(),
    executorDepartment: text(),
    role: vine.enum(['responsible', 'co_executor']),
    specialControl: vine.boolean(),
    issuedBy: vine.object({ name: text(), organisation: text() }),
  }),
  'orders.status_changed': vine.object({
    ...orderReference,
    status: text(),
    changedAt: text(),
    comment: text().optional(),
    copy: vine.object({ orderId: id(), number: text() }).optional(),
  }),
  'orders.report_submitted': vine.object({
    ...orderReference,
    reportId: id(),
    text: text(),
    completedOn: text().nullable(),
    submittedAt: text(),
    attachments: vine.array(text()).optional(),
  }),
  'orders.report_accepted': vine.object({ ...orderReference, reportId: id(), acceptedAt: text(), comment: text().optional() }),
  'orders.report_returned': vine.object({ ...orderReference, reportId: id(), returnedAt: text(), reason: text() }),
  'orders.extension_requested': vine.object({ ...orderReference, requestId: id(), proposedDueOn: text(), reason: text() }),
  'orders.extension_decided': vine.object({
    ...orderReference,
    requestId: id(),
    decision: vine.enum(['granted', 'refused']),
    dueOn: text().optional(),
    comment: text().optional(),
  }),

  'problems.routed': vine.object({
    problemId: id(),
    round: id(),
    department: text(),
    theme: vine.object({ code: text(), nameRu: text(), nameEn: text() }),
    municipality: vine.object({ code: text(), nameRu: text() }),
    text: text(),
    address: text(),
    location: vine.object({ lat: vine.number(), lng: vine.number() }),
    respondBy: text(),
    author: vine.object({ displayName: text(), email: text().optional() }),
    photos: vine.array(photo()),
  }),
  'problems.received': vine.object({
    problemId: id(),
    round: id(),
    receivedAt: text(),
    department: vine.object({ code: text(), nameRu: text(), nameEn: text() }),
  }),
  'problems.answered': vine.object({
    problemId: id(),
    round: id(),
    kind: vine.enum(['resolved', 'planned', 'not_ours']),
    text: text(),
    plannedOn: text().optional(),
    needs: text().optional(),
    answeredAt: text(),
    photos: vine.array(photo()).optional(),
  }),
  'problems.plan_completed': vine.object({
    problemId: id(),
    round: id(),
    text: text(),
    completedAt: text(),
    photos: vine.array(photo()),
  }),

  'service_ratings.catalogue_published': vine.object({
    publishedAt: text(),
    body: vine.object({ nameRu: text(), nameEn: text() }),
    services: vine.array(
      vine.object({ code: text(), nameRu: text(), nameEn: text(), departmentCode: text(), channel: vine.enum(['mfc', 'online', 'office']), isActive: vine.boolean() })
    ),
  }),
  'service_ratings.follow_up_opened': vine.object({
    ratingId: id(),
    service: vine.object({ code: text(), nameRu: text(), departmentCode: text() }),
    marks: vine.object({ time: id(), waiting: id(), staff: id(), premises: id(), information: id() }),
    comment: text(),
    ratedOn: text(),
    respondBy: text(),
  }),
  'service_ratings.follow_up_answered': vine.object({
    ratingId: id(),
    kind: vine.enum(['received', 'answered']),
    text: text().nullable(),
    at: text(),
  }),
  'service_ratings.rank_alerts_raised': vine.object({
    month: text(),
    version: id(),
    alerts: vine.array(
      vine.object({
        body: text(),
        bodyNameRu: text(),
        bodyNameEn: text(),
        kind: vine.enum(['bottom_quartile', 'dropped']),
        rank: id(),
        previousRank: id().nullable(),
        rankedOf: id(),
        score: id(),
        ratings: id(),
      })
    ),
  }),
  'service_ratings.rank_order_issued': vine.object({
    month: text().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    body: text(),
    orderId: id(),
    orderNumber: text(),
    issuedAt: text(),
  }),

  'directory.published': vine.object({
    body: vine.object({ slug: text(), kind: vine.enum(['block', 'municipality']), nameRu: text(), nameEn: text() }),
    publishedAt: text(),
    departments: vine.array(vine.object({ code: text(), nameRu: text(), nameEn: text(), isActive: vine.boolean(), staffed: vine.boolean() })),
  }),

  'lawmaking.version_published': vine.object({
    draftId: id(),
    draft: vine.object({
      title: text(),
      kind: vine.enum(['law', 'decree', 'resolution', 'municipal_act']),
      level: vine.enum(['regional', 'municipal']),
      municipalityCode: text().nullable(),
      subjectArea: text(),
      developer: vine.object({ code: text(), nameRu: text(), nameEn: text() }),
      body: vine.object({ nameRu: text(), nameEn: text() }),
      explanatoryNote: text(),
      stage: vine.enum(['discussion', 'reaction', 'completed']),
      consultation: vine.object({ startsOn: text(), endsOn: text() }).nullable(),
    }),
    version: vine.object({
      number: id(),
      changeSummary: text().nullable(),
      publishedAt: text(),
      clauses: vine.array(
        vine.object({ key: text(), parentKey: text().nullable(), position: id(), depth: id(), label: text(), text: text(), changedIn: id() })
      ),
    }),
    files: vine.array(vine.object({ key: text(), name: text(), mimeType: text(), size: id() })).optional(),
  }),
  'lawmaking.stage_changed': vine.object({
    draftId: id(),
    stage: vine.enum(['discussion', 'reaction', 'completed']),
    changedAt: text(),
    decideBy: text().nullable().optional(),
  }),
  'lawmaking.remark_submitted': vine.object({
    draftId: id(),
    remarkId: id(),
    versionNumber: id(),
    clauseKey: text(),
    fragment: text().nullable(),
    text: text(),
    proposedWording: text().nullable(),
    reason: text().nullable(),
    authorName: text(),
    submittedAt: text(),
  }),
  'lawmaking.remark_decided': remarkDecision(),
  'lawmaking.initiative_forwarded': vine.object({
    initiativeId: id(),
    department: text(),
    initiative: vine.object({
      title: text(),
      problem: text(),
      goal: text(),
      proposal: text(),
      level: vine.enum(['regional', 'municipal']),
      municipalityCode: text().nullable(),
      subjectArea: text(),
      supportCount: id(),
      authorName: text(),
    }),
    forwardedAt: text(),
    respondBy: text(),
  }),
  'lawmaking.initiative_received': vine.object({
    initiativeId: id(),
    receivedAt: text(),
    department: vine.object({ code: text(), nameRu: text(), nameEn: text() }),
  }),
  'lawmaking.initiative_answered': vine.object({
    initiativeId: id(),
    answer: vine.enum(['accepted_for_drafting', 'included_in_plan', 'rejected']),
    text: text().nullable(),
    plannedOn: text().nullable(),
    orderNumber: text().nullable(),
    answeredAt: text(),
  }),
  'lawmaking.experts_published': vine.object({
    publishedAt: text(),
    experts: vine.array(vine.object({ id: id(), publicName: text(), organisation: text(), fields: vine.array(text()) })),
  }),
  'lawmaking.experts_requested': vine.object({}),
  'lawmaking.expert_invited': vine.object({
    key: vine.string().uuid(),
    draftId: id(),
    expertId: id(),
    expertName: text(),
    expertOrganisation: text(),
    field: text(),
    dueOn: text(),
  }),
  'lawmaking.invitation_answered': vine.object({
    key: vine.string().uuid(),
    status: vine.enum(['accepted', 'declined']),
    reason: text().nullable(),
    answeredAt: text(),
  }),
  'lawmaking.conclusion_filed': vine.object({
    key: vine.string().uuid(),
    draftId: id(),
    conclusionId: id(),
    versionNumber: id(),
    verdict: vine.enum(['supported', 'supported_with_remarks', 'not_supported']),
    summary: text(),
    file: vine.object({ key: text(), mimeType: text(), name: text(), size: id() }),
    remarks: vine.array(vine.object({ remarkId: id(), clauseKey: text(), text: text(), proposedWording: text().nullable() })),
    expertName: text(),
    filedAt: text(),
  }),
  'lawmaking.expert_remark_decided': remarkDecision(),
  'lawmaking.initiative_conclusion_filed': vine.object({
    initiativeId: id(),
    conclusionId: id(),
    key: vine.string().uuid(),
    verdict: vine.enum(['supported', 'supported_with_remarks', 'not_supported']),
    summary: text(),
    file: vine.object({ key: text(), mimeType: text(), name: text(), size: id() }),
    expertName: text(),
    expertOrganisation: text(),
    filedAt: text(),
  }),

  'opendata.version_published': vine.object({
    datasetId: id(),
    dataset: opendataDataset(),
    publisher: opendataPublisher(),
    structure: vine.object({
      number: id(),
      stamp: text(),
      createdAt: text(),
      fields: vine.array(
        vine.object({
          name: text(),
          descriptionRu: text(),
          descriptionEn: text(),
          type: vine.enum(['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'latitude', 'longitude', 'geojson']),
          key: vine.boolean().optional(),
        })
      ).minLength(1),
    }),
    version: vine.object({ number: id(), dataStamp: text(), key: text(), size: id(), rowCount: id(), sha256: text(), changeNote: text(), publishedAt: text() }),
  }),
  'opendata.passport_changed': vine.object({
    datasetId: id().nullable(),
    dataset: opendataDataset().nullable(),
    publisher: opendataPublisher(),
  }),
  'opendata.downloads_reported': vine.object({
    counts: vine.array(
      vine.object({
        datasetId: id(),
        identifier: text().regex(/^\d{10}(\d{2})?-[a-z0-9_]{1,64}$/),
        month: text().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        format: vine.enum(['csv', 'json', 'xml']),
        downloads: vine.number().withoutDecimals().min(0),
      })
    ),
  }),
  'priorities.results_sealed': vine.object({
    quarter: text().regex(/^\d{4}-Q[1-4]$/),
    version: vine.number().withoutDecimals().min(1),
    ballotFileSha256: text().regex(/^[0-9a-f]{64}$/),
    reason: text().nullable(),
    ranks: vine.array(
      vine.object({
        priorityId: id(),
        title: text(),
        level: vine.enum(['regional', 'municipal']),
        rank: vine.number().withoutDecimals().min(1),
        previousRank: vine.number().withoutDecimals().nullable(),
        votes: vine.number().withoutDecimals().min(0),
      })
    ),
  }),
  'priorities.order_issued': vine.object({
    priorityId: id(),
    quarter: text().regex(/^\d{4}-Q[1-4]$/),
    orderId: id(),
    orderNumber: text(),
    issuedAt: text(),
  }),
  'priorities.proposed': vine.object({
    title: text().minLength(3).maxLength(300),
    description: text().minLength(10).maxLength(5000),
    category: text().minLength(2).maxLength(100),
    responsibleBody: text().maxLength(300).nullable(),
  }),
  'social.official_account_published': vine.object({
    body: vine.object({ nameRu: text().minLength(1).maxLength(300), nameEn: text().minLength(1).maxLength(300) }),
    about: text().maxLength(2000),
    publishedAt: text(),
  }),
  'suggestions.sent': vine.object({
    suggestionId: id(),
    round: id(),
    category: text().maxLength(32),
    title: text().maxLength(200),
    content: text(),
    route: vine
      .object({ type: vine.enum(['LineString']), coordinates: vine.array(vine.array(vine.number()).fixedLength(2)).minLength(2) })
      .nullable(),
    municipalityCode: text(),
    supports: vine.number().withoutDecimals().min(0),
    respondBy: text(),
    portalUrl: text(),
  }),
  'suggestions.answered': vine.object({
    suggestionId: id(),
    round: id(),
    kind: vine.enum(['accepted', 'planned', 'rejected', 'not_ours']),
    text: text(),
    plannedOn: text().nullable().optional(),
    orderNumber: text().nullable().optional(),
    initiativeTitle: text().nullable().optional(),
    answeredAt: text(),
  }),
}

const validators = new Map(Object.entries(schemas).map(([type, schema]) => [type, vine.compile(schema)]))

/** One line per problem: `field "dueOn" is missing`, `field "role": The selected role is invalid`. */
function describe(messages: { field: string; rule: string; message: string }[]) {
  return messages
    .map((problem) =>
      problem.rule === 'required' ? `field "${problem.field}" is missing` : `field "${problem.field}": ${problem.message}`
    )
    .join('; ')
}

/**
 * Throws E_BUS_INVALID_PAYLOAD, naming the message, its type and every field
 * that is missing or wrong, unless the payload has its type's shape.
 */
export async function assertPayload(message: { id: string; type: string; payload: unknown }) {
  const validator = validators.get(message.type)
  if (!validator) return
  try {
    await validator.validate(message.payload ?? undefined)
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    throw new errors.E_BUS_INVALID_PAYLOAD(
      `Message ${message.id} (${message.type}) has a malformed payload: ${describe(error.messages)}`
    )
  }
}
