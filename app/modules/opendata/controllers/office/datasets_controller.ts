import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { actorFromContext, recordAudit } from '#core/audit'
import { errors } from '#core/errors'
import { wantsJson } from '#core/wants_json'
import { tenantDb } from '#tenancy/tenant_model'
import { clientExtname } from '#core/uploads/table_file'
import { UploadError } from '#core/uploads/upload_error'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { refused } from '#modules/lawmaking/controllers/refusals'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import { tenantUrl } from '#tenancy/tenant_urls'
import Dataset, { FREQUENCIES, LICENCES, SUBJECTS } from '#modules/opendata/models/dataset'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import OpendataPolicy from '#modules/opendata/policies/opendata_policy'
import { PublishUpload, ReceiveUpload, type Translate } from '#modules/opendata/actions/publish'
import { FIELD_TYPES, type StructureField } from '#modules/opendata/services/structure'
import { sendPassport } from '#modules/opendata/services/facts'
import { datasetValidator, opendataMessages, profileValidator, publishValidator, uploadValidator } from '#modules/opendata/validators/opendata_validators'

function translator(ctx: HttpContext): Translate {
  return (key, data) => ctx.i18n.t(key, data as any)
}

async function authorize(ctx: HttpContext) {
  await ctx.bouncer.with(OpendataPolicy).authorize('manage')
}

/** The dataset of the route's `:id` (404 when there is none). */
async function datasetOf(ctx: HttpContext) {
  await authorize(ctx)
  const dataset = await Dataset.find(Number(ctx.params.id))
  if (!dataset) throw new errors.E_NOT_FOUND(`No dataset ${ctx.params.id}`)
  return dataset
}

function passportOf(data: Awaited<ReturnType<typeof datasetValidator.validate>>) {
  return { ...data, keywords: data.keywords ?? '', provenance: data.provenance ?? null, validUntil: data.validUntil ? DateTime.fromJSDate(data.validUntil) : null }
}

const options = { subjects: SUBJECTS, frequencies: FREQUENCIES, licences: LICENCES }

/**
 * A body's open data: its datasets (passports), the publisher profile, the
 * upload of a table whose structure is inferred and confirmed, and the
 * publication of each version to the portal.
 */
export default class DatasetsController {
  async index(ctx: HttpContext) {
    await authorize(ctx)
    const datasets = await Dataset.query().orderBy('title_ru').orderBy('id')
    const profile = await PublisherProfile.query().first()
    return ctx.view.render('pages/opendata/office/index', { datasets, profile })
  }

  async create(ctx: HttpContext) {
    await authorize(ctx)
    return ctx.view.render('pages/opendata/office/form', { dataset: null, values: { licence: 'cc-by-4.0', frequency: 'yearly' }, ...options })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx)
    const data = await ctx.request.validateUsing(datasetValidator, { messagesProvider: opendataMessages(ctx.i18n) })
    if (await Dataset.findBy('name', data.name)) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'name', rule: 'unique', message: ctx.i18n.t('opendata_office.errors.name_taken', { name: data.name }) }])
    }
    const dataset = await Dataset.create({ ...passportOf(data), createdBy: ctx.auth.getUserOrFail().id })
    await recordAudit(actorFromContext(ctx), 'opendata.dataset_created', { type: 'opendata_dataset', id: dataset.id }, { name: dataset.name })
    if (wantsJson(ctx.request)) return ctx.response.created({ data: { id: dataset.id, name: dataset.name } })
    ctx.session.flash('notice', ctx.i18n.t('opendata_office.flash.saved'))
    return ctx.response.redirect(`/opendata/office/datasets/${dataset.id}`)
  }

  async show(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    const versions = await tenantDb()
      .from('opendata_versions as v')
      .join('opendata_structures as s', 's.id', 'v.structure_id')
      .where('v.dataset_id', dataset.id)
      .orderBy('v.number', 'desc')
      .select('v.number', 'v.data_stamp', 'v.row_count', 'v.size', 'v.sha256', 'v.change_note', 'v.published_at', 's.number as structure_number')
    const uploads = await tenantDb().from('opendata_uploads').where('dataset_id', dataset.id).orderBy('id', 'desc').limit(5)
    const [portal] = await portalSlugs()
    const portalUrl = dataset.identifier && portal ? `${tenantUrl({ slug: portal })}/opendata/${dataset.identifier}` : null
    return ctx.view.render('pages/opendata/office/show', { dataset, versions, uploads, portalUrl })
  }

  async edit(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    return ctx.view.render('pages/opendata/office/form', { dataset, values: { ...dataset.serialize(), validUntil: dataset.validUntil?.toISODate() }, ...options })
  }

  async update(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    const data = await ctx.request.validateUsing(datasetValidator, { messagesProvider: opendataMessages(ctx.i18n) })
    // the name is part of the identifier: fixed once published (a generated dataset's is its generator's)
    if ((dataset.identifier || dataset.generator) && data.name !== dataset.name) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'name', rule: 'opendata_fixed', message: ctx.i18n.t('opendata_office.errors.name_fixed') }])
    }
    const other = await Dataset.query().where('name', data.name).whereNot('id', dataset.id).first()
    if (other) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'name', rule: 'unique', message: ctx.i18n.t('opendata_office.errors.name_taken', { name: data.name }) }])
    // a published dataset's passport reaches the portal in the same transaction
    await tenantDb().transaction(async (trx) => {
      dataset.merge(passportOf(data))
      await dataset.useTransaction(trx).save()
      await sendPassport(trx, dataset)
    })
    await recordAudit(actorFromContext(ctx), 'opendata.dataset_updated', { type: 'opendata_dataset', id: dataset.id })
    if (wantsJson(ctx.request)) return ctx.response.ok({ data: { id: dataset.id } })
    ctx.session.flash('notice', ctx.i18n.t('opendata_office.flash.saved'))
    return ctx.response.redirect(`/opendata/office/datasets/${dataset.id}`)
  }

  async profile(ctx: HttpContext) {
    await authorize(ctx)
    const profile = await PublisherProfile.query().first()
    return ctx.view.render('pages/opendata/office/profile', { values: profile?.serialize() ?? { nameRu: ctx.tenant.nameRu, nameEn: ctx.tenant.nameEn } })
  }

  async saveProfile(ctx: HttpContext) {
    await authorize(ctx)
    const data = await ctx.request.validateUsing(profileValidator, { messagesProvider: opendataMessages(ctx.i18n) })
    const profile = await PublisherProfile.query().first()
    // the INN names every published identifier: it stays once a dataset is out
    if (profile && profile.inn !== data.inn && (await Dataset.query().whereNotNull('identifier').first())) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'inn', rule: 'opendata_fixed', message: ctx.i18n.t('opendata_office.errors.inn_fixed') }])
    }
    await tenantDb().transaction(async (trx) => {
      if (profile) await profile.useTransaction(trx).merge(data).save()
      else await PublisherProfile.create(data, { client: trx })
      await sendPassport(trx, null)
    })
    await recordAudit(actorFromContext(ctx), 'opendata.profile_saved', { type: 'opendata_profile', id: 1 }, { inn: data.inn })
    if (wantsJson(ctx.request)) return ctx.response.ok({ data })
    ctx.session.flash('notice', ctx.i18n.t('opendata_office.flash.saved'))
    return ctx.response.redirect('/opendata/office/datasets')
  }

  /** A table uploaded: its structure inferred, shown as a form to confirm. */
  async upload(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    // a generated dataset's rows come from its module (the nightly job), never from a file
    if (dataset.generator) throw new errors.E_FORBIDDEN_TRANSITION(ctx.i18n.t('opendata_generated.errors.no_upload'))
    const { file } = await ctx.request.validateUsing(uploadValidator, { messagesProvider: opendataMessages(ctx.i18n) })
    let upload
    try {
      upload = await new ReceiveUpload().handle(dataset, { tmpPath: file.tmpPath!, clientName: file.clientName, extname: clientExtname(file) as 'csv' | 'xlsx' }, ctx.auth.getUserOrFail())
    } catch (error) {
      if (error instanceof UploadError) throw uploadFieldError(ctx.i18n, 'file', file.clientName, error)
      throw error
    }
    await recordAudit(actorFromContext(ctx), 'opendata.table_uploaded', { type: 'opendata_dataset', id: dataset.id }, { upload: upload.id, rows: upload.rowCount })
    if (wantsJson(ctx.request)) return ctx.response.created({ data: upload })
    return ctx.response.redirect(`/opendata/office/datasets/${dataset.id}/uploads/${upload.id}`)
  }

  async structure(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    const upload = await tenantDb().from('opendata_uploads').where({ id: Number(ctx.params.uploadId), dataset_id: dataset.id }).first()
    if (!upload) throw new errors.E_NOT_FOUND(`No upload ${ctx.params.uploadId}`)
    return ctx.view.render('pages/opendata/office/structure', { dataset, upload, fields: upload.fields as StructureField[], types: FIELD_TYPES })
  }

  /** An upload the person does not want: its row and its file go. */
  async discard(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    const upload = await tenantDb().from('opendata_uploads').where({ id: Number(ctx.params.uploadId), dataset_id: dataset.id }).first()
    if (!upload) throw new errors.E_NOT_FOUND(`No upload ${ctx.params.uploadId}`)
    await tenantDb().from('opendata_uploads').where('id', upload.id).delete()
    await drive.use().delete(upload.storage_key).catch(() => {})
    await recordAudit(actorFromContext(ctx), 'opendata.upload_discarded', { type: 'opendata_dataset', id: dataset.id }, { upload: upload.id })
    if (wantsJson(ctx.request)) return ctx.response.noContent()
    ctx.session.flash('notice', ctx.i18n.t('opendata_office.flash.discarded'))
    return ctx.response.redirect(`/opendata/office/datasets/${dataset.id}`)
  }

  async publish(ctx: HttpContext) {
    const dataset = await datasetOf(ctx)
    const input = await ctx.request.validateUsing(publishValidator, { messagesProvider: opendataMessages(ctx.i18n) })
    const page = `/opendata/office/datasets/${dataset.id}/uploads/${ctx.params.uploadId}`
    let published
    try {
      published = await new PublishUpload().handle(dataset.id, Number(ctx.params.uploadId), input as { fields: StructureField[]; changeNote: string }, ctx.auth.getUserOrFail(), actorFromContext(ctx), translator(ctx))
    } catch (error) {
      return refused(ctx, error, page)
    }
    if (wantsJson(ctx.request)) return ctx.response.created({ data: published })
    ctx.session.flash('notice', ctx.i18n.t('opendata_office.flash.published', { number: published.number }))
    return ctx.response.redirect(`/opendata/office/datasets/${dataset.id}`)
  }
}
