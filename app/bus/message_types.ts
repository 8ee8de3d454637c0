/**
 * Every message type that may cross tenants, with its payload. Payloads carry
 * ids and the few facts the receiver needs, never personal data it does not
 * need; the receiver keeps its own copy of whatever it must show.
 *
 * Adding a type: add a constant here, its payload to BusPayloads, its schema
 * to app/bus/payload_schemas.ts (checked before the handler runs), and a
 * handler in the receiving module (registered in start/bus.ts).
 */
export const BUS_MESSAGE_TYPES = {
  /** Built-in: proves a round trip; the receiver answers with bus.pong. */
  ping: 'bus.ping',
  pong: 'bus.pong',

  /** Department of Control → a body in a block: a new order to execute. */
  orderIssued: 'orders.issued',
  /** Executor → issuer, or issuer → executor: the order changed status. */
  orderStatusChanged: 'orders.status_changed',
  /** Executor → issuer: a report on the order. */
  orderReportSubmitted: 'orders.report_submitted',
  /** Issuer → executor: the report was accepted. */
  orderReportAccepted: 'orders.report_accepted',
  /** Issuer → executor: the report was returned for rework. */
  orderReportReturned: 'orders.report_returned',
  /** Executor → issuer: a new deadline is requested. */
  orderExtensionRequested: 'orders.extension_requested',
  /** Issuer → executor: the extension was granted or refused. */
  orderExtensionDecided: 'orders.extension_decided',

  /** Portal → the responsible department's block: a citizen's problem to handle. */
  problemRouted: 'problems.routed',
  /**
   * Body → portal: the body took a routed problem into a department's queue
   * (and again whenever its head hands it to another department).
   */
  problemReceived: 'problems.received',
  /** Body (block or municipality) → portal: the department's answer (result or plan). */
  problemAnswered: 'problems.answered',
  /** Body → portal: a planned answer's work is done (text, photos). */
  problemPlanCompleted: 'problems.plan_completed',

  /** Body (block or municipality) → portal: the body's departments as they are now (replaces the previous copy). */
  directoryPublished: 'directory.published',

  /** Body → portal: a draft act's version published for discussion (the draft's facts with it). */
  lawmakingVersionPublished: 'lawmaking.version_published',
  /** Body → portal: a draft moved to another stage (discussion closed, reaction, completed). */
  lawmakingStageChanged: 'lawmaking.stage_changed',
  /** Portal → body: a citizen's remark on a clause, for the developer department to decide on. */
  lawmakingRemarkSubmitted: 'lawmaking.remark_submitted',
  /** Body → portal: the developer's decision on a remark (and why). */
  lawmakingRemarkDecided: 'lawmaking.remark_decided',
  /** Portal → body: a citizens' initiative for one of its departments to answer by a date. */
  lawmakingInitiativeForwarded: 'lawmaking.initiative_forwarded',
  /** Body → portal: the department's queue received a forwarded initiative. */
  lawmakingInitiativeReceived: 'lawmaking.initiative_received',
  /** Body → portal: the department's answer to an initiative (drafting, plan or rejection). */
  lawmakingInitiativeAnswered: 'lawmaking.initiative_answered',
  /** Portal → every body: the registry of verified experts as it is now (replaces the previous copy). */
  lawmakingExpertsPublished: 'lawmaking.experts_published',
  /** Body → portal: a body without a copy of the registry (created after it was published) asks for it. */
  lawmakingExpertsRequested: 'lawmaking.experts_requested',
  /** Body → portal (the developer invited) or portal → body (a moderator did): an expert invited to review a draft. */
  lawmakingExpertInvited: 'lawmaking.expert_invited',
  /** Portal → body: the expert accepted or declined an invitation. */
  lawmakingInvitationAnswered: 'lawmaking.invitation_answered',
  /** Portal → body: an expert's conclusion (verdict, per-clause remarks, the signed file to copy). */
  lawmakingConclusionFiled: 'lawmaking.conclusion_filed',
  /** Body → portal: the developer's decision on an expert's remark (and why). */
  lawmakingExpertRemarkDecided: 'lawmaking.expert_remark_decided',
  /** Portal → the body an initiative was forwarded to: an expert's conclusion on it (verdict, text, the signed file to copy). */
  lawmakingInitiativeConclusionFiled: 'lawmaking.initiative_conclusion_filed',

  /** Body → portal: a new immutable version of an open dataset (passport, publisher, structure, the data file to copy). */
  opendataVersionPublished: 'opendata.version_published',
  /** Body → portal: a published dataset's passport or the body's publisher details changed (no new version). */
  opendataPassportChanged: 'opendata.passport_changed',
  /** Portal → a body: the monthly downloads of the body's own datasets' data files (a month's count replaces the last one). */
  opendataDownloadsReported: 'opendata.downloads_reported',

  /** Portal → a municipality: its sealed quarterly priority ranks (a correction sends its new version). */
  prioritiesResultsSealed: 'priorities.results_sealed',
  /** A municipality → the portal: an order issued from one of its residents' priorities. */
  prioritiesOrderIssued: 'priorities.order_issued',
  /** A municipality → the portal: a priority its administration proposes for its residents (for the portal's admins to publish). */
  prioritiesProposed: 'priorities.proposed',
  /** Body → portal: the services the body provides as they are now (replaces the previous copy). */
  serviceCataloguePublished: 'service_ratings.catalogue_published',
  /** Portal → the providing body: a low rating with a comment, to answer within 30 days. */
  serviceFollowUpOpened: 'service_ratings.follow_up_opened',
  /** Body → portal: the providing department's answer to a follow-up, published under the rating. */
  serviceFollowUpAnswered: 'service_ratings.follow_up_answered',
  /** Portal → the Department of Control: the bodies a sealed month of service ranks flagged (may become orders). */
  serviceRankAlertsRaised: 'service_ratings.rank_alerts_raised',
  /** The Department of Control → the portal: an order issued from a service rank alert (shown on the public ranking). */
  serviceRankOrderIssued: 'service_ratings.rank_order_issued',
  /** Body (block or municipality) → every portal: the body's official account as its admin saved it (the portal creates or updates the account's user). */
  socialOfficialAccountPublished: 'social.official_account_published',

  /** Portal → the addressed body (block or municipality): a suggestion to answer within 10 days (no author's personal data). */
  suggestionSent: 'suggestions.sent',
  /** Body → portal: the body's answer (accepted, planned, rejected or not ours), published on the portal. */
  suggestionAnswered: 'suggestions.answered',
} as const

export type BusMessageType = (typeof BUS_MESSAGE_TYPES)[keyof typeof BUS_MESSAGE_TYPES]

/**
 * Which order a message is about: always named by the issuing tenant's ids
 * (its order and the executor row of the body in the other tenant), in both
 * directions, so each side finds its copy without trusting the other's ids.
 */
export interface OrderReference {
  /** The order's id in the issuing tenant. */
  orderId: number
  /** The issuing tenant's executor row this copy belongs to. */
  executorId: number
  /** The order's human number in the issuing tenant (e.g. CTL-2026-000042). */
  number: string
}

export interface BusPayloads {
  'bus.ping': { echo?: string }
  'bus.pong': { echo?: string }

  'orders.issued': OrderReference & {
    type: string
    body: string
    /** ISO date (YYYY-MM-DD) in the region's calendar. */
    dueOn: string
    /** Department code of the executing body in the target tenant. */
    executorDepartment: string
    role: 'responsible' | 'co_executor'
    specialControl: boolean
    issuedBy: { name: string; organisation: string }
  }
  /** The executing tenant's copy changed status (`issued` answers orders.issued with the copy's number). */
  'orders.status_changed': OrderReference & {
    status: string
    changedAt: string
    comment?: string
    copy?: { orderId: number; number: string }
  }
  'orders.report_submitted': OrderReference & {
    reportId: number
    text: string
    completedOn: string | null
    submittedAt: string
    attachments?: string[]
  }
  'orders.report_accepted': OrderReference & { reportId: number; acceptedAt: string; comment?: string }
  'orders.report_returned': OrderReference & { reportId: number; returnedAt: string; reason: string }
  'orders.extension_requested': OrderReference & { requestId: number; proposedDueOn: string; reason: string }
  'orders.extension_decided': OrderReference & {
    requestId: number
    decision: 'granted' | 'refused'
    dueOn?: string
    comment?: string
  }

  /**
   * The portal routes (or routes again, after a contest: `round` grows) a
   * problem to a department of the block. The citizen's e-mail travels only
   * when they allowed it; photos are named by the portal's Drive keys, which
   * the block copies under its own prefix.
   */
  'problems.routed': {
    problemId: number
    round: number
    /** Department code in the target block. */
    department: string
    theme: { code: string; nameRu: string; nameEn: string }
    /** Catalog code of the municipality. */
    municipality: { code: string; nameRu: string }
    text: string
    address: string
    location: { lat: number; lng: number }
    /** Answer due (the theme's reaction deadline), ISO timestamp. */
    respondBy: string
    author: { displayName: string; email?: string }
    photos: { key: string; mimeType: string }[]
  }
  /**
   * The body acknowledges a round of a routed problem: the time its
   * department's queue received it, and which department holds it now (the
   * one named by the portal, or another one the body's head handed it to),
   * with its names in both languages as the portal shows them.
   */
  'problems.received': {
    problemId: number
    round: number
    receivedAt: string
    department: { code: string; nameRu: string; nameEn: string }
  }
  /**
   * The department's answer for a round: resolved (text and photos), planned
   * (date and what is needed), or not ours (back to the portal for re-routing).
   */
  'problems.answered': {
    problemId: number
    round: number
    kind: 'resolved' | 'planned' | 'not_ours'
    text: string
    plannedOn?: string | null
    needs?: string | null
    answeredAt: string
    photos?: { key: string; mimeType: string }[]
  }
  /**
   * A body reports that the work it planned for a round is done. Only a
   * problem answered "planned" in that round, by that body, takes it.
   */
  'problems.plan_completed': {
    problemId: number
    round: number
    text: string
    completedAt: string
    photos: { key: string; mimeType: string }[]
  }

  /**
   * A body's whole list of departments, sent to the portal whenever it may
   * have changed (departments edited, people hired or deactivated,
   * provisioning, `node ace directory:publish`). The portal keeps its own
   * copy and replaces it per body; `publishedAt` orders publications.
   */
  'directory.published': {
    body: { slug: string; kind: 'block' | 'municipality'; nameRu: string; nameEn: string }
    publishedAt: string
    departments: { code: string; nameRu: string; nameEn: string; isActive: boolean; staffed: boolean }[]
  }

  /**
   * A version of a draft act, published: the draft's public facts as they
   * are now (they may change between versions) and the version's clauses
   * with their stable keys. The portal keeps its own copy; a version, once
   * there, never changes.
   */
  'lawmaking.version_published': {
    /** The draft's id in the body. */
    draftId: number
    draft: LawmakingDraftFacts
    version: {
      number: number
      changeSummary: string | null
      publishedAt: string
      clauses: LawmakingClauseFacts[]
    }
    /**
     * The draft's files as they are now, each named by its Drive key under
     * the body's own prefix (the portal copies it once, by key). Absent in
     * messages sent before drafts had files: the portal's list stays as is.
     */
    files?: LawmakingDraftFileFacts[]
  }
  'lawmaking.stage_changed': {
    draftId: number
    stage: 'discussion' | 'reaction' | 'completed'
    changedAt: string
    /** The day by which every remark gets a decision (the reaction stage). */
    decideBy?: string | null
  }
  /** A remark is named by the portal's id; the body's draft by its own id. */
  'lawmaking.remark_submitted': {
    draftId: number
    remarkId: number
    versionNumber: number
    clauseKey: string
    fragment: string | null
    text: string
    proposedWording: string | null
    reason: string | null
    /** The author's public name (no e-mail). */
    authorName: string
    submittedAt: string
  }
  'lawmaking.remark_decided': {
    draftId: number
    remarkId: number
    decision: 'accepted' | 'partly_accepted' | 'rejected' | 'out_of_scope'
    reason: string | null
    decidedAt: string
  }
  /**
   * An initiative named by the portal's id, for a department of the body
   * (its code) to answer by `respondBy` (YYYY-MM-DD, the region's calendar).
   * The author travels by public name only.
   */
  'lawmaking.initiative_forwarded': {
    initiativeId: number
    department: string
    initiative: {
      title: string
      problem: string
      goal: string
      proposal: string
      level: 'regional' | 'municipal'
      municipalityCode: string | null
      subjectArea: string
      supportCount: number
      authorName: string
    }
    forwardedAt: string
    respondBy: string
  }
  'lawmaking.initiative_received': {
    initiativeId: number
    receivedAt: string
    department: { code: string; nameRu: string; nameEn: string }
  }
  /** The answer; `plannedOn` for a plan, the order's number when the answer spawned one. */
  'lawmaking.initiative_answered': {
    initiativeId: number
    answer: 'accepted_for_drafting' | 'included_in_plan' | 'rejected'
    text: string | null
    plannedOn: string | null
    orderNumber: string | null
    answeredAt: string
  }
  'lawmaking.experts_published': {
    publishedAt: string
    /** Verified experts only: public name, organisation, fields (no e-mail, no credentials). */
    experts: { id: number; publicName: string; organisation: string; fields: string[] }[]
  }
  'lawmaking.experts_requested': Record<string, never>
  /** An invitation is named by `key` on both sides; the draft by the body's id, the expert by the portal's. */
  'lawmaking.expert_invited': {
    key: string
    draftId: number
    expertId: number
    expertName: string
    expertOrganisation: string
    field: string
    dueOn: string
  }
  'lawmaking.invitation_answered': {
    key: string
    status: 'accepted' | 'declined'
    reason: string | null
    answeredAt: string
  }
  /** The file is named by its Drive key under the portal's own prefix; the body copies it. Remarks by the portal's remark ids. */
  'lawmaking.conclusion_filed': {
    key: string
    draftId: number
    conclusionId: number
    versionNumber: number
    verdict: 'supported' | 'supported_with_remarks' | 'not_supported'
    summary: string
    file: { key: string; mimeType: string; name: string; size: number }
    remarks: { remarkId: number; clauseKey: string; text: string; proposedWording: string | null }[]
    expertName: string
    filedAt: string
  }
  /** The same facts as for a citizen's remark; the remark is one of a conclusion's. */
  'lawmaking.expert_remark_decided': BusPayloads['lawmaking.remark_decided']
  /** The initiative by the portal's id; the file by its Drive key under the portal's own prefix (the body copies it). */
  'lawmaking.initiative_conclusion_filed': {
    initiativeId: number
    conclusionId: number
    /** The portal's invitation. */
    key: string
    verdict: 'supported' | 'supported_with_remarks' | 'not_supported'
    summary: string
    file: { key: string; mimeType: string; name: string; size: number }
    expertName: string
    expertOrganisation: string
    filedAt: string
  }

  /**
   * A version of a body's open dataset: the passport and the publisher as
   * they are now, the structure the version follows, and the version with
   * its normalized UTF-8 CSV named by its Drive key under the body's own
   * prefix (the portal copies it once and loads its rows). A version, once
   * on the portal, never changes.
   */
  'opendata.version_published': {
    datasetId: number
    dataset: OpendataDatasetFacts
    publisher: OpendataPublisherFacts
    structure: { number: number; stamp: string; createdAt: string; fields: { name: string; descriptionRu: string; descriptionEn: string; type: string; key?: boolean }[] }
    version: { number: number; dataStamp: string; key: string; size: number; rowCount: number; sha256: string; changeNote: string; publishedAt: string }
  }
  /** The passport of one published dataset as it is now (`datasetId` null: only the publisher changed). */
  'opendata.passport_changed': {
    datasetId: number | null
    dataset: OpendataDatasetFacts | null
    publisher: OpendataPublisherFacts
  }
  /**
   * The downloads of a body's datasets on the portal, per dataset (the
   * body's id and the identifier), month (YYYY-MM, in the region) and data
   * format: counts only, nobody's address. Each count is the month's total
   * so far: the body replaces what it had.
   */
  'opendata.downloads_reported': {
    counts: { datasetId: number; identifier: string; month: string; format: 'csv' | 'json' | 'xml'; downloads: number }[]
  }
  /**
   * A sealed quarter's rank of the municipality's residents (regional
   * priorities and the municipality's own), or to a block the ranks of the
   * priorities it is responsible for: counts only, no voter.
   */
  'priorities.results_sealed': {
    quarter: string
    version: number
    ballotFileSha256: string
    reason: string | null
    ranks: { priorityId: number; title: string; level: 'regional' | 'municipal'; rank: number; previousRank: number | null; votes: number }[]
  }
  'priorities.order_issued': { priorityId: number; quarter: string; orderId: number; orderNumber: string; issuedAt: string }
  'priorities.proposed': { title: string; description: string; category: string; responsibleBody: string | null }
  /** A body's services as they are now; the portal replaces its copy of that body's (unless it holds a newer one). */
  'service_ratings.catalogue_published': {
    publishedAt: string
    body: { nameRu: string; nameEn: string }
    services: { code: string; nameRu: string; nameEn: string; departmentCode: string; channel: 'mfc' | 'online' | 'office'; isActive: boolean }[]
  }
  /** A low rating of one of the body's services: the marks and the comment, never the citizen's name. */
  'service_ratings.follow_up_opened': {
    ratingId: number
    service: { code: string; nameRu: string; departmentCode: string }
    marks: { time: number; waiting: number; staff: number; premises: number; information: number }
    comment: string
    ratedOn: string
    respondBy: string
  }
  /** A follow-up reached the body (`received`) or was answered (`answered`, with the text). */
  'service_ratings.follow_up_answered': {
    ratingId: number
    kind: 'received' | 'answered'
    text: string | null
    at: string
  }
  /** A sealed month's (version's) flagged bodies: bottom quartile or down several places; no personal data. */
  'service_ratings.rank_alerts_raised': {
    month: string
    version: number
    alerts: {
      body: string
      bodyNameRu: string
      bodyNameEn: string
      kind: 'bottom_quartile' | 'dropped'
      rank: number
      previousRank: number | null
      rankedOf: number
      score: number
      ratings: number
    }[]
  }
  /** An order Control issued from the alert on a body's month: its number and date, no personal data. */
  'service_ratings.rank_order_issued': { month: string; body: string; orderId: number; orderNumber: string; issuedAt: string }
  /** A body's official account: its name (the body's), the about text its admin wrote; the newest publication wins. */
  'social.official_account_published': { body: { nameRu: string; nameEn: string }; about: string; publishedAt: string }
  'suggestions.sent': {
    suggestionId: number
    round: number
    category: string
    title: string
    content: string
    route: { type: 'LineString'; coordinates: [number, number][] } | null
    municipalityCode: string
    supports: number
    respondBy: string
    portalUrl: string
  }
  'suggestions.answered': {
    suggestionId: number
    round: number
    kind: 'accepted' | 'planned' | 'rejected' | 'not_ours'
    text: string
    plannedOn?: string | null
    orderNumber?: string | null
    initiativeTitle?: string | null
    answeredAt: string
  }
}

export interface OpendataPublisherFacts {
  inn: string
  nameRu: string
  nameEn: string
  responsiblePerson: string
  phone: string
  email: string
}

export interface OpendataDatasetFacts {
  identifier: string
  titleRu: string
  titleEn: string
  descriptionRu: string
  descriptionEn: string
  subject: string
  keywords: string
  licence: string
  frequency: string
  provenance: string | null
  validUntil: string | null
  createdAt: string
  /** A generated dataset found current without a new version (ISO); absent from older senders. */
  confirmedAt?: string | null
}

export interface LawmakingDraftFacts {
  title: string
  kind: 'law' | 'decree' | 'resolution' | 'municipal_act'
  level: 'regional' | 'municipal'
  municipalityCode: string | null
  subjectArea: string
  developer: { code: string; nameRu: string; nameEn: string }
  body: { nameRu: string; nameEn: string }
  explanatoryNote: string
  stage: 'discussion' | 'reaction' | 'completed'
  consultation: { startsOn: string; endsOn: string } | null
}

export interface LawmakingDraftFileFacts {
  key: string
  name: string
  mimeType: string
  size: number
}

export interface LawmakingClauseFacts {
  key: string
  parentKey: string | null
  position: number
  depth: number
  label: string
  text: string
  changedIn: number
}

const KNOWN_TYPES = new Set<string>(Object.values(BUS_MESSAGE_TYPES))

export function isBusMessageType(type: string): type is BusMessageType {
  return KNOWN_TYPES.has(type)
}
