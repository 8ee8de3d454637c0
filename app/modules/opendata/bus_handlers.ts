import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import { bus } from '#bus/bus'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BusPayloads, OpendataDatasetFacts } from '#bus/message_types'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import { copyVersionFileFrom } from '#modules/opendata/services/files'
import { loadRowsSoon } from '#modules/opendata/services/rows'
import { applyDownloadReport } from '#modules/opendata/services/downloads'

/*
| Open data across tenants. A body (block or municipality) publishes each
| new version of a dataset to the portal (opendata.version_published): the
| passport, its publisher, the structure and the data file's key under the
| body's own prefix. The portal keeps its own copy of all of it, copies the
| file, and a job loads the rows for streaming. It never reads the body.
*/

/** The portal receiving, and a body sending: anything else is refused. */
async function assertFromBody(from: string) {
  const portal = tenantScope.currentOrFail()
  if (portal.kind !== 'portal') throw new errors.E_NOT_FOUND(`${portal.slug} is not a portal`)
  const sender = await tenantRegistry.findBySlug(from)
  if (!sender || !isBodyKind(sender.kind)) throw new errors.E_NOT_FOUND(`${from} is not a block or a municipality: open data is published by bodies`)
  return portal
}

/** The passport's columns from a message's facts (the identifier and dates are not among them). */
function passportOf(facts: OpendataDatasetFacts) {
  return {
    title_ru: facts.titleRu,
    title_en: facts.titleEn,
    description_ru: facts.descriptionRu,
    description_en: facts.descriptionEn,
    subject: facts.subject,
    keywords: facts.keywords,
    licence: facts.licence,
    frequency: facts.frequency,
    provenance: facts.provenance,
    valid_until: facts.validUntil,
    ...(facts.confirmedAt === undefined ? {} : { confirmed_at: facts.confirmedAt }),
  }
}

bus.handle('opendata.version_published', async (message, trx) => receiveVersion(message, trx, await assertFromBody(message.from)))

/**
 * Writes a published version into the portal's catalogue (its own public
 * tables). The bus handler calls it for a body's message; a portal
 * publishing its own generated datasets calls it in its publication's
 * transaction (no message to itself).
 */
export async function receiveVersion(message: { from: string; payload: BusPayloads['opendata.version_published'] }, trx: TransactionClientContract, portal: { slug: string }) {
  const facts = message.payload
  if (!facts.dataset.identifier.startsWith(`${facts.publisher.inn}-`)) throw new errors.E_FORBIDDEN_TRANSITION(`Identifier ${facts.dataset.identifier} does not start with the publisher's INN`)

  const now = new Date()
  const publisher = {
    inn: facts.publisher.inn,
    name_ru: facts.publisher.nameRu,
    name_en: facts.publisher.nameEn,
    responsible_person: facts.publisher.responsiblePerson,
    phone: facts.publisher.phone,
    email: facts.publisher.email,
    updated_at: now,
  }
  const [{ id: publisherId }] = await trx.table('opendata_public_publishers').insert({ origin_tenant: message.from, ...publisher }).onConflict('origin_tenant').merge(publisher).returning('id')

  // an identifier belongs to the dataset that first brought it; another one (any publisher) is refused
  const owner = await trx.from('opendata_public_datasets').where('identifier', facts.dataset.identifier).forUpdate().first()
  if (owner && (owner.origin_tenant !== message.from || owner.origin_dataset_id !== facts.datasetId)) {
    throw new errors.E_FORBIDDEN_TRANSITION(`Identifier ${facts.dataset.identifier} is taken by another dataset`)
  }
  const publishedAt = DateTime.fromISO(facts.version.publishedAt).toJSDate()
  const passport = { publisher_id: publisherId, ...passportOf(facts.dataset) }
  let dataset = owner ?? (await trx.from('opendata_public_datasets').where({ origin_tenant: message.from, origin_dataset_id: facts.datasetId }).forUpdate().first())
  // a version arrives once; an older one arriving late changes nothing
  if (dataset && dataset.current_version >= facts.version.number) return
  if (dataset) {
    await trx.from('opendata_public_datasets').where('id', dataset.id).update({ ...passport, identifier: facts.dataset.identifier, current_version: facts.version.number, modified_at: publishedAt, updated_at: now })
  } else {
    ;[dataset] = await trx
      .table('opendata_public_datasets')
      .insert({
        ...passport,
        identifier: facts.dataset.identifier,
        origin_tenant: message.from,
        origin_dataset_id: facts.datasetId,
        current_version: facts.version.number,
        created_at: DateTime.fromISO(facts.dataset.createdAt).toJSDate(),
        modified_at: publishedAt,
        updated_at: now,
      })
      .returning('*')
  }
  await trx
    .table('opendata_public_structures')
    .insert({ dataset_id: dataset.id, number: facts.structure.number, stamp: facts.structure.stamp, fields: JSON.stringify(facts.structure.fields), created_at: DateTime.fromISO(facts.structure.createdAt).toJSDate() })
    .onConflict(['dataset_id', 'number'])
    .ignore()
  const storageKey = await copyVersionFileFrom(message.from, facts.version.key)
  const [version] = await trx
    .table('opendata_public_versions')
    .insert({
      dataset_id: dataset.id,
      number: facts.version.number,
      structure_number: facts.structure.number,
      data_stamp: facts.version.dataStamp,
      origin_key: facts.version.key,
      storage_key: storageKey,
      size: facts.version.size,
      row_count: facts.version.rowCount,
      sha256: facts.version.sha256,
      change_note: facts.version.changeNote,
      published_at: publishedAt,
    })
    .returning('id')
  const versionId = Number(version.id ?? version)
  trx.after('commit', async () => {
    await loadRowsSoon(portal.slug, versionId).catch((error) => logger.warn({ versionId, error: (error as Error).message }, 'could not queue the open data rows'))
  })
}

// A published dataset's passport, or the publisher's details, changed in the body: the portal's copy follows.
bus.handle('opendata.passport_changed', async (message, trx) => {
  await assertFromBody(message.from)
  const facts = message.payload
  const publisher = await trx.from('opendata_public_publishers').where('origin_tenant', message.from).forUpdate().first()
  if (!publisher) throw new errors.E_NOT_FOUND(`${message.from} has published no open data here`)
  if (publisher.inn !== facts.publisher.inn) throw new errors.E_FORBIDDEN_TRANSITION(`The INN of ${message.from} names its identifiers and cannot change`)
  await trx.from('opendata_public_publishers').where('id', publisher.id).update({
    name_ru: facts.publisher.nameRu,
    name_en: facts.publisher.nameEn,
    responsible_person: facts.publisher.responsiblePerson,
    phone: facts.publisher.phone,
    email: facts.publisher.email,
    updated_at: new Date(),
  })
  if (facts.datasetId === null || !facts.dataset) return
  const dataset = await trx.from('opendata_public_datasets').where({ origin_tenant: message.from, origin_dataset_id: facts.datasetId }).forUpdate().first()
  if (!dataset) throw new errors.E_NOT_FOUND(`Dataset ${facts.datasetId} of ${message.from} is not published here`)
  if (dataset.identifier !== facts.dataset.identifier) throw new errors.E_FORBIDDEN_TRANSITION(`The identifier ${dataset.identifier} cannot change`)
  await trx.from('opendata_public_datasets').where('id', dataset.id).update({ ...passportOf(facts.dataset), updated_at: new Date() })
})

// The portal's monthly download counts of this body's own datasets (a month's count is replaced).
bus.handle('opendata.downloads_reported', async (message, trx) => {
  await applyDownloadReport(message.from, message.payload, trx)
})
