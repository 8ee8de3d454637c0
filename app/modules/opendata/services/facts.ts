import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { OpendataDatasetFacts, OpendataPublisherFacts } from '#bus/message_types'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import type Dataset from '#modules/opendata/models/dataset'
import PublisherProfile from '#modules/opendata/models/publisher_profile'

/** A dataset's passport as the portal gets it. */
export function datasetFacts(dataset: Dataset, identifier: string): OpendataDatasetFacts {
  return {
    identifier,
    titleRu: dataset.titleRu,
    titleEn: dataset.titleEn,
    descriptionRu: dataset.descriptionRu,
    descriptionEn: dataset.descriptionEn,
    subject: dataset.subject,
    keywords: dataset.keywords,
    licence: dataset.licence,
    frequency: dataset.frequency,
    provenance: dataset.provenance,
    validUntil: dataset.validUntil?.toISODate() ?? null,
    createdAt: dataset.createdAt.toISO()!,
    confirmedAt: dataset.confirmedAt?.toISO() ?? null,
  }
}

export function publisherFacts(profile: PublisherProfile): OpendataPublisherFacts {
  return { inn: profile.inn, nameRu: profile.nameRu, nameEn: profile.nameEn, responsiblePerson: profile.responsiblePerson, phone: profile.phone, email: profile.email }
}

/**
 * Tells the portals that a published dataset's passport (or, with no
 * dataset, the publisher's details) changed, inside the change's
 * transaction. Nothing is sent for a dataset never published, nor by a
 * body that has published nothing.
 */
export async function sendPassport(trx: TransactionClientContract, dataset: Dataset | null) {
  if (dataset && !dataset.identifier) return
  if (!dataset && !(await trx.from('opendata_datasets').whereNotNull('identifier').first())) return
  const profile = await PublisherProfile.query({ client: trx }).first()
  if (!profile) return
  const payload = { datasetId: dataset?.id ?? null, dataset: dataset ? datasetFacts(dataset, dataset.identifier!) : null, publisher: publisherFacts(profile) }
  await bus.sendMany(trx, (await portalSlugs()).map((slug) => ({ to: slug, type: 'opendata.passport_changed' as const, payload })))
}
