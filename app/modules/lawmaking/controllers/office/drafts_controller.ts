import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { errors } from '#core/errors'
import { regionTodayIso } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { slugFromCode } from '#tenancy/naming'
import User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import Department from '#modules/identity/models/department'
import Municipality from '#modules/identity/models/municipality'
import Draft, { DRAFT_KINDS, DRAFT_LEVELS, DRAFT_STAGES, type DraftStage } from '#modules/lawmaking/models/draft'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import DraftFile from '#modules/lawmaking/models/draft_file'
import { DRAFT_FILE_EXTENSIONS, DRAFT_FILE_MAX_MB, MAX_DRAFT_FILES, draftFileKind } from '#modules/lawmaking/services/draft_files'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { findVisibleDraft, visibleDrafts } from '#modules/lawmaking/builders/visible_drafts'
import { sourceOf } from '#modules/lawmaking/services/clauses'
import { clausesOfVersion } from '#modules/lawmaking/services/versions'
import { minimumConsultationDays } from '#modules/lawmaking/services/consultation'
import { officeDraftPage } from '#modules/lawmaking/services/office_draft_page'
import { draftValidator, officeMessages } from '#modules/lawmaking/validators/office_validators'
import { refused, translatorOf } from '#modules/lawmaking/controllers/refusals'
import { draftToManage } from '#modules/lawmaking/controllers/office/draft_access'

const PAGE_SIZE = 30

/** The inbox's order: what waits for the department first (remarks to decide), then open discussions, then the rest. */
const STAGE_ORDER = `case lawmaking_drafts.stage when 'reaction' then 0 when 'discussion' then 1 when 'preparation' then 2 else 3 end`

function pageNumber(value: unknown) {
  return Math.max(1, Math.floor(Number(value)) || 1)
}

/**
 * The authority's side of law-making in a body: the department's inbox of
 * drafts, the draft form, and the developer's page of a draft (its
 * versions, clauses and the remarks the portal forwarded).
 */
export default class DraftsController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(DraftPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const stage = (DRAFT_STAGES as string[]).includes(request.input('stage')) ? (request.input('stage') as DraftStage) : null
    const seesAll = user.hasRole('head', 'admin')
    const departmentId = seesAll && Number(request.input('department')) > 0 ? Number(request.input('department')) : null

    const scoped = () => {
      const query = visibleDrafts(user)
      if (departmentId) query.where('lawmaking_drafts.department_id', departmentId)
      return query
    }
    const byStage = await scoped().groupBy('stage').select('stage').count('* as total')
    const counts = Object.fromEntries(DRAFT_STAGES.map((name) => [name, Number(byStage.find((row) => row.stage === name)?.$extras.total ?? 0)]))

    const query = scoped()
      .preload('department')
      .select('lawmaking_drafts.*')
      .select(tenantDb().raw('(select count(*) from lawmaking_received_remarks r where r.draft_id = lawmaking_drafts.id and r.decision is null)::int as undecided'))
    if (stage) query.where('lawmaking_drafts.stage', stage)
    const drafts = await query
      .orderByRaw(STAGE_ORDER)
      .orderByRaw('lawmaking_drafts.decide_by asc nulls last')
      .orderBy('lawmaking_drafts.updated_at', 'desc')
      .orderBy('lawmaking_drafts.id', 'desc')
      .paginate(pageNumber(request.input('page')), PAGE_SIZE)
    drafts.baseUrl('/lawmaking/office/drafts').queryString({ ...(stage ? { stage } : {}), ...(departmentId ? { department: departmentId } : {}) })

    return view.render('pages/lawmaking/office/index', {
      drafts,
      stage,
      stages: DRAFT_STAGES,
      counts,
      departmentId,
      departments: seesAll ? await Department.query().where('is_active', true).orderBy('name_ru') : [],
      today: regionTodayIso(),
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(DraftPolicy).authorize('use')
    const user = ctx.auth.getUserOrFail()
    const options = await formOptions(ctx)
    const municipal = ctx.tenant.kind === 'municipality'
    return ctx.view.render('pages/lawmaking/office/form', {
      draft: null,
      ...options,
      values: {
        kind: municipal ? 'municipal_act' : 'law',
        level: municipal ? 'municipal' : 'regional',
        municipalityCode: municipal ? options.ownMunicipality : null,
        departmentId: user.departmentId,
        responsibleId: user.departmentId ? user.id : null,
      },
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n } = ctx
    await bouncer.with(DraftPolicy).authorize('use')
    const data = await request.validateUsing(draftValidator, { messagesProvider: officeMessages(i18n) })
    await bouncer.with(DraftPolicy).authorize('developFor', data.departmentId)
    const draft = await new SaveDraft().handle(data, auth.getUserOrFail(), actorFromContext(ctx), undefined, translatorOf(ctx))
    session.flash('notice', i18n.t('lawmaking_office.flash.created'))
    return response.redirect(`/lawmaking/office/drafts/${draft.id}`)
  }

  async show({ auth, bouncer, params, request, view }: HttpContext) {
    await bouncer.with(DraftPolicy).authorize('use')
    const draft = await findVisibleDraft(auth.getUserOrFail(), params.id)
    await draft.load('department')
    await draft.load('responsible')
    const filter = request.input('remarks') === 'undecided' ? 'undecided' : 'all'
    const page = await officeDraftPage(draft, filter, pageNumber(request.input('page')))
    const manages = await bouncer.with(DraftPolicy).allows('manage', draft)
    const open = draft.stage !== 'discussion'
    const decide = manages && draft.stage === 'reaction'
    // the orders given with decisions on this page's remarks, to link; the departments an order may go to
    const orderIds = page.groups.flatMap((group) => group.remarks.map((item) => item.remark.orderId)).filter((id): id is number => id !== null)
    const orders = orderIds.length ? await Order.query().whereIn('id', orderIds).select('id', 'number') : []
    return view.render('pages/lawmaking/office/show', {
      draft,
      ...page,
      filter,
      today: regionTodayIso(),
      minimumDays: minimumConsultationDays(draft.kind),
      municipality: draft.municipalityCode ? await Municipality.findBy('code', draft.municipalityCode) : null,
      files: await DraftFile.query().where('draft_id', draft.id).orderBy('id'),
      remarkOrders: new Map(orders.map((order) => [order.id, order])),
      orderDepartments: decide ? await Department.query().where('is_active', true).orderBy('name_ru') : [],
      draftFileKind,
      fileLimits: { maxMb: DRAFT_FILE_MAX_MB, max: MAX_DRAFT_FILES, accept: DRAFT_FILE_EXTENSIONS.map((extname) => `.${extname}`).join(',') },
      can: {
        edit: manages && open,
        files: manages && open,
        // the first version any time it has a text; a later one once every remark has a decision
        publish: manages && open && !!draft.pendingText && (draft.currentVersion === 0 || page.totals.undecided === 0),
        decide,
        complete: manages && draft.stage === 'reaction' && page.totals.undecided === 0,
      },
    })
  }

  async edit(ctx: HttpContext) {
    const draft = await draftToManage(ctx)
    try {
      assertEditable(draft, translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, `/lawmaking/office/drafts/${draft.id}`)
    }
    const text = draft.pendingText ?? sourceOf(await clausesOfVersion(tenantDb(), draft.id, draft.currentVersion))
    return ctx.view.render('pages/lawmaking/office/form', {
      draft,
      ...(await formOptions(ctx)),
      values: {
        title: draft.title,
        kind: draft.kind,
        level: draft.level,
        municipalityCode: draft.municipalityCode,
        subjectArea: draft.subjectArea,
        departmentId: draft.departmentId,
        responsibleId: draft.responsibleId,
        explanatoryNote: draft.explanatoryNote,
        text,
      },
    })
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n } = ctx
    const draft = await draftToManage(ctx)
    const data = await request.validateUsing(draftValidator, { messagesProvider: officeMessages(i18n) })
    await bouncer.with(DraftPolicy).authorize('developFor', data.departmentId)
    try {
      await new SaveDraft().handle(data, auth.getUserOrFail(), actorFromContext(ctx), draft.id, translatorOf(ctx))
    } catch (error) {
      return refused(ctx, error, `/lawmaking/office/drafts/${draft.id}`)
    }
    session.flash('notice', i18n.t('lawmaking_office.flash.saved'))
    return response.redirect(`/lawmaking/office/drafts/${draft.id}`)
  }
}

/** The text cannot change while it is being discussed (409 with the period's last day). */
function assertEditable(draft: Draft, t: ReturnType<typeof translatorOf>) {
  if (draft.stage === 'discussion') {
    throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.discussion_open', { endsOn: draft.consultationEndsOn?.toFormat('dd.LL.yyyy') }))
  }
}

/**
 * The choices of the draft form: the departments the person may name as the
 * developer (DraftPolicy.developFor), their active people as the
 * responsible, and the region's municipalities (a municipality's own first
 * choice is itself).
 */
async function formOptions({ bouncer, tenant, i18n }: HttpContext) {
  const nameColumn = i18n.locale === 'en' ? 'name_en' : 'name_ru'
  const departments: Department[] = []
  for (const department of await Department.query().where('is_active', true).orderBy(nameColumn)) {
    if (await bouncer.with(DraftPolicy).allows('developFor', department.id)) departments.push(department)
  }
  const people = await User.query()
    .where('status', 'active')
    .whereIn('department_id', departments.map((department) => department.id))
    .orderBy('full_name')
  const municipalities = await Municipality.query().orderBy(nameColumn)
  return {
    departments,
    people,
    municipalities,
    ownMunicipality: municipalities.find((municipality) => slugFromCode(municipality.code) === tenant.slug)?.code ?? null,
    kinds: DRAFT_KINDS,
    levels: DRAFT_LEVELS,
    subjectAreas: SUBJECT_AREAS,
  }
}
