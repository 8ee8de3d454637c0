import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import { systemActor } from '#core/audit'
import { REGION_ZONE } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import Dataset from '#modules/opendata/models/dataset'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import { publishVersion } from '#modules/opendata/actions/publish'
import { storeVersionCsv } from '#modules/opendata/services/files'
import { freshnessOf } from '#modules/opendata/services/freshness'
import { sendPassport } from '#modules/opendata/services/facts'
import { readCell } from '#modules/opendata/services/structure'
import type { Generator } from '#modules/opendata/services/generated/generator'
import { generatorsFor } from '#modules/opendata/services/generated/registry'

export type RefreshOutcome = 'published' | 'unchanged' | 'not_due' | 'name_taken' | 'empty'

const ACTOR = systemActor('opendata.refresh_generated')

class SameContent extends Error {}

/** The generated dataset, created (with the generator's passport) on its first publication; null when a staff dataset holds the name. */
async function datasetOf(generator: Generator, create: boolean) {
  const existing = await Dataset.findBy('generator', generator.name)
  if (existing || !create) return existing
  if (await Dataset.findBy('name', generator.name)) return null
  return Dataset.create({ name: generator.name, generator: generator.name, createdBy: null, ...generator.passport })
}

/** Rows normalized as the portal's loader reads them (a value that does not read as its type is the generator's mistake: the run fails). */
function checked(generator: Generator, rows: string[][]) {
  return rows.map((row, index) => {
    if (row.length !== generator.fields.length) throw new Error(`${generator.name}: row ${index + 1} has ${row.length} values for ${generator.fields.length} fields`)
    return generator.fields.map((field, column) => {
      const reading = readCell(field.type, row[column])
      if (!reading.ok) throw new Error(`${generator.name}: row ${index + 1}, ${field.name} = "${row[column]}" is not a ${field.type}`)
      return reading.value
    })
  })
}

/**
 * Refreshes one generated dataset of the current tenant: due when it was
 * never published, when its frequency is irregular (checked every night),
 * or from its due day on (freshnessOf); then its rows are computed and
 * written, and published only when the file's SHA-256 differs from the
 * latest version's (the unused file is deleted). A rerun publishes nothing.
 */
export async function refreshGenerated(generator: Generator, today: DateTime = DateTime.now()): Promise<RefreshOutcome> {
  let dataset = await datasetOf(generator, false)
  const latest = dataset ? await tenantDb().from('opendata_versions').where('dataset_id', dataset.id).orderBy('number', 'desc').first() : null
  if (dataset && latest && dataset.frequency !== 'irregular') {
    const { dueOn } = freshnessOf(dataset.frequency, dataset.currentAsOf(latest.published_at), today)
    if (dueOn && today.setZone(REGION_ZONE).toISODate()! < dueOn) return 'not_due'
  }
  const rows = checked(generator, await generator.rows(today))
  // nothing to tell yet (no draft published, no case): no empty dataset in the catalogue until there is
  if (!latest && !rows.length) return 'empty'
  dataset ??= await datasetOf(generator, true)
  if (!dataset) {
    logger.warn({ tenant: tenantScope.currentOrFail().slug, generator: generator.name }, 'open data: a dataset of the staff holds the name of a generated one; not generated')
    return 'name_taken'
  }
  const file = await storeVersionCsv(generator.fields.map((field) => field.name), rows)
  if (latest?.sha256 === file.sha256) {
    await drive.use().delete(file.key).catch(() => {})
    await confirmCurrent(dataset, today)
    return 'unchanged'
  }
  try {
    await publishVersion({
      datasetId: dataset.id,
      fields: generator.fields,
      file: { ...file, rowCount: rows.length },
      changeNote: latest ? 'Обновление данных (сформировано автоматически)' : 'Первая публикация (сформировано автоматически)',
      actor: ACTOR,
      publishedBy: null,
    }, async (trx) => {
      // the dataset's row is locked by now: a run overlapping this one (a retry) may have published the same content
      const previous = await trx.from('opendata_versions').where('dataset_id', dataset.id).orderBy('number', 'desc').offset(1).select('sha256').first()
      if (previous?.sha256 === file.sha256) throw new SameContent()
    })
  } catch (error) {
    await drive.use().delete(file.key).catch(() => {})
    if (error instanceof SameContent) {
      await confirmCurrent(dataset, today)
      return 'unchanged'
    }
    throw error
  }
  return 'published'
}

/**
 * A dataset with a due day found unchanged on it is current all the same:
 * the moment is recorded (the freshness rule counts from it) and goes to
 * the portals with the passport, so neither the catalogue nor Control calls
 * it overdue for want of a new version. An irregular dataset has no due day.
 */
async function confirmCurrent(dataset: Dataset, today: DateTime) {
  if (dataset.frequency === 'irregular') return
  const tenant = tenantScope.currentOrFail()
  await tenantDb().transaction(async (trx) => {
    dataset.useTransaction(trx)
    dataset.confirmedAt = today
    await dataset.save()
    // the portal's own datasets are in its catalogue already (no message to itself)
    if (tenant.kind === 'portal') {
      await trx.from('opendata_public_datasets').where({ origin_tenant: tenant.slug, origin_dataset_id: dataset.id }).update({ confirmed_at: today.toJSDate(), updated_at: new Date() })
    } else {
      await sendPassport(trx, dataset)
    }
  })
}

/** Whether the tenant can publish: a complete publisher profile. */
async function hasProfile() {
  const profile = await PublisherProfile.query().first()
  return !!profile && !!profile.inn && !!profile.responsiblePerson && !!profile.phone && !!profile.email
}

/**
 * Every generator of the current tenant's kind. A tenant without a
 * publisher profile publishes nothing (logged): its identifiers need the INN.
 */
export async function refreshAllGenerated(today: DateTime = DateTime.now()) {
  const tenant = tenantScope.currentOrFail()
  const generators = generatorsFor(tenant.kind)
  if (!generators.length) return { skipped: 'kind' as const }
  if (!(await hasProfile())) {
    logger.info({ tenant: tenant.slug }, 'open data: no publisher profile; generated datasets skipped')
    return { skipped: 'no_profile' as const }
  }
  const outcomes: Record<string, RefreshOutcome> = {}
  for (const generator of generators) outcomes[generator.name] = await refreshGenerated(generator, today)
  return { outcomes }
}
