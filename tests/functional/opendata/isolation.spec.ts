import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import type { BusPayloads } from '#bus/message_types'
import { tenantDb } from '#tenancy/tenant_model'
import Dataset from '#modules/opendata/models/dataset'
import { sendPassport } from '#modules/opendata/services/facts'
import { loadRows } from '#modules/opendata/services/rows'
import { inTenant } from '#tests/helpers/tenants'
import { sendFrom } from '#tests/helpers/bus'
import { problemsBlock, problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, createDataset, publishCsv, givePublisherProfile, loadPortalRows, validateList } from '#tests/helpers/opendata'

let portal: ProblemsPortal
let body: ProblemsBlock
const INN = '2308000002'
const IDENTIFIER = `${INN}-schools`

function newDataset(name: string) {
  return createDataset(body.tenant, name, body.head.id)
}

function publishTable(dataset: Dataset, rows: string[][]) {
  return publishCsv(body.tenant, body.head, dataset, rows)
}

/** A well-formed message as a body would send it, with these changes. */
function forged(key: string, changes: { datasetId?: number; identifier?: string; inn?: string } = {}): BusPayloads['opendata.version_published'] {
  const now = new Date().toISOString()
  return {
    datasetId: changes.datasetId ?? 999,
    dataset: { identifier: changes.identifier ?? `${INN}-forged`, titleRu: 'Подделка', titleEn: 'Forged', descriptionRu: 'Подделка', descriptionEn: 'Forged', subject: 'other', keywords: '', licence: 'cc-by-4.0', frequency: 'daily', provenance: null, validUntil: null, createdAt: now },
    publisher: { inn: changes.inn ?? INN, nameRu: 'Подделка', nameEn: 'Forged', responsiblePerson: 'Некто', phone: '+70000000000', email: 'x@example.test' },
    structure: { number: 1, stamp: '20260101', createdAt: now, fields: [{ name: 'a', descriptionRu: 'А', descriptionEn: 'A', type: 'string' }] },
    version: { number: 1, dataStamp: '20260101', key, size: 4, rowCount: 1, sha256: '0'.repeat(64), changeNote: 'x', publishedAt: now },
  }
}

/** The portal's inbox of this file's tenants (bodies of other files tell every portal of the database). */
function inboxOf(type: string) {
  return inTenant(portal.tenant, () => tenantDb().from('bus_inbox').where('type', type).whereIn('source_tenant', [portal.tenant.slug, body.tenant.slug]).orderBy('received_at'))
}

test.group('Open data | isolation: only what a body published crosses to the portal', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('od_portal')
    body = await problemsBlock('od_isolated')
    await givePublisherProfile(body.tenant, INN)
  })

  test('a published dataset crosses; one never published does not; the body serves no catalogue', async ({ assert, client }) => {
    const schools = await newDataset('schools')
    await newDataset('drafts_only')
    const published = await publishTable(schools, [['Школа', 'Учеников'], ['Школа № 1', '820'], ['Гимназия № 2', '640']])
    assert.equal(published.identifier, IDENTIFIER)
    await pump([portal.tenant, body.tenant])
    await loadPortalRows(portal.tenant, body.tenant)

    const mine = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').where('origin_tenant', body.tenant.slug).select('identifier'))
    assert.deepEqual(mine.map((row) => row.identifier), [IDENTIFIER])
    const list = validateList((await anonymousGet(client, portal.host, '/opendata/list.csv')).text())
    assert.include(list.map((entry) => entry.identifier), IDENTIFIER)
    assert.notInclude(list.map((entry) => entry.identifier), `${INN}-drafts_only`)
    ;(await client.get(`/opendata/${INN}-drafts_only`).header('host', portal.host)).assertStatus(404)
    // the file the portal serves is its own copy, under its own prefix
    const version = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_versions').where('origin_key', 'like', `tenants/${body.tenant.slug}/%`).first())
    assert.isTrue(version.storage_key.startsWith(`tenants/${portal.tenant.slug}/opendata/received/${body.tenant.slug}/`))
    // editing a dataset never published tells the portal nothing
    const draft = await inTenant(body.tenant, () => Dataset.findByOrFail('name', 'drafts_only'))
    await inTenant(body.tenant, () => tenantDb().transaction((trx) => sendPassport(trx, draft)))
    const told = await inTenant(body.tenant, () => tenantDb().from('bus_outbox').where('type', 'opendata.passport_changed').count('* as total').first())
    assert.equal(Number(told?.total), 0)
    // the portal writes nothing into the body, and the body keeps no public copy
    const copies = await inTenant(body.tenant, () => tenantDb().from('opendata_public_datasets').count('* as total').first())
    assert.equal(Number(copies?.total), 0)
    // a body is no portal
    ;(await client.get('/opendata/list.csv').header('host', body.host)).assertStatus(404)
    ;(await client.get(`/opendata/${IDENTIFIER}/meta.csv`).header('host', body.host)).assertStatus(404)
  })

  test('forged messages change nothing: from a non-body, a file of another tenant, a taken identifier, an identifier of another INN; a file with another checksum is never served', async ({ assert, client }) => {
    const own = `tenants/${body.tenant.slug}/opendata/versions/${randomUUID()}.csv`
    const foreign = `tenants/od_block/opendata/versions/${randomUUID()}.csv`
    await drive.use().put(own, 'a\r\nx\r\n')
    await drive.use().put(foreign, 'a\r\nx\r\n')
    const before = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').count('* as total').first())

    // the portal (not a body) "publishing" to itself
    await sendFrom(portal.tenant, portal.tenant.slug, 'opendata.version_published', [forged(`tenants/${portal.tenant.slug}/opendata/versions/${randomUUID()}.csv`, { identifier: `${INN}-from_portal` })])
    await sendFrom(body.tenant, portal.tenant.slug, 'opendata.version_published', [
      forged(foreign, { identifier: `${INN}-stolen_file` }),
      forged(own, { identifier: IDENTIFIER, datasetId: 12345 }),
      forged(own, { identifier: '7700000000-not_mine' }),
    ])
    await pump([portal.tenant, body.tenant])

    const after = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').count('* as total').first())
    assert.equal(Number(after?.total), Number(before?.total), 'no dataset was added')
    const dataset = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').where('identifier', IDENTIFIER).first())
    assert.equal(dataset.origin_dataset_id, (await inTenant(body.tenant, () => Dataset.findByOrFail('name', 'schools'))).id)
    assert.equal(dataset.title_ru, 'Набор schools', 'the taken identifier kept its passport')
    // a passport change for a dataset the portal does not hold, or from a non-body, changes nothing either
    const publisher = { inn: INN, nameRu: 'Подделка', nameEn: 'Forged', responsiblePerson: 'Некто', phone: '+70000000000', email: 'x@example.test' }
    await sendFrom(body.tenant, portal.tenant.slug, 'opendata.passport_changed', [{ datasetId: 4242, dataset: forged(own, { identifier: `${INN}-unknown` }).dataset, publisher }])
    await sendFrom(portal.tenant, portal.tenant.slug, 'opendata.passport_changed', [{ datasetId: null, dataset: null, publisher }])
    await pump([portal.tenant, body.tenant])
    const passports = await inboxOf('opendata.passport_changed')
    assert.deepEqual(passports.map((message) => message.status === 'applied'), [false, false])
    const kept = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_publishers').where('origin_tenant', body.tenant.slug).first())
    assert.equal(kept.name_ru, `Орган ${body.tenant.slug}`, 'the publisher was not renamed by the refused messages')

    const refused = (await inboxOf('opendata.version_published')).filter((message) => message.status !== 'applied')
    assert.lengthOf(refused, 4)
    const errors = refused.map((message) => String(message.last_error))
    for (const expected of ['is not a block or a municipality', 'key outside', 'is taken by another dataset', "does not start with the publisher's INN"]) {
      assert.isTrue(errors.some((error) => error.includes(expected)), `${expected} in ${errors.join(' | ')}`)
    }

    // a file that is not what the body announced (another SHA-256) is never served: its rows do not load
    await sendFrom(body.tenant, portal.tenant.slug, 'opendata.version_published', [forged(own, { identifier: `${INN}-tampered`, datasetId: 777 })])
    await pump([portal.tenant, body.tenant])
    const tampered = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_versions as v').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where('d.identifier', `${INN}-tampered`).select('v.id').first())
    await assert.rejects(() => inTenant(portal.tenant, () => loadRows(tampered.id)), /SHA-256/)
    const data = await client.get(`/opendata/${INN}-tampered/data-20260101-structure-20260101.csv`).header('host', portal.host)
    assert.equal(data.status(), 503)
  })
})
