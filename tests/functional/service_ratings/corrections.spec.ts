import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import ServiceRatingsSeal from '#commands/service_ratings_seal'
import { postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { pump, sessionOf } from '#tests/helpers/problems'
import { inTenant } from '#tests/helpers/tenants'
import { portalService, publishServices, ratingsMunicipality, ratingsPortal } from '#tests/helpers/service_ratings'

type Portal = Awaited<ReturnType<typeof ratingsPortal>>
type Town = Awaited<ReturnType<typeof ratingsMunicipality>>
let portal: Portal
let town: Town

test.group('Service ratings | portal admins correct a service; a sealed month is corrected by command with a public reason', (group) => {
  group.setup(async () => {
    portal = await ratingsPortal('svc_fix_portal')
    town = await ratingsMunicipality('svc_fix_town')
    await publishServices(town, [{ code: 'permit', departmentCode: 'housing', channel: 'office' }])
    await pump([portal.tenant, town.tenant])
  })

  test('a correction of names and channel is shown as one and survives the body\'s next publication; bad input is a 422 per field', async ({ assert, client }) => {
    const service = await portalService(portal, town, 'permit')
    const session = await sessionOf(client, portal.host, portal.admin.email)
    const page = `/services/${service.id}`
    const bad = await postJson(client, portal.host, session, page, `/services/${service.id}/correction`, { nameRu: 'ab', nameEn: 'Permit', channel: 'fax' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: { field: string }) => error.field), ['nameRu', 'channel'])

    const saved = await postJson(client, portal.host, session, page, `/services/${service.id}/correction`, { nameRu: 'Выдача разрешения на строительство', nameEn: 'Service permit', channel: 'mfc' })
    saved.assertStatus(200)
    assert.deepInclude(saved.body(), { nameRu: 'Выдача разрешения на строительство', nameEn: 'Service permit', channel: 'mfc', corrected: true })

    // the body publishes again (its own names and channel): the correction stays
    await publishServices(town, [{ code: 'permit', departmentCode: 'housing', channel: 'online' }])
    await pump([portal.tenant, town.tenant])
    const after = await portalService(portal, town, 'permit')
    assert.equal(after.nameRu, 'Выдача разрешения на строительство')
    assert.equal(after.nameEn, 'Service permit', 'equal to the published one: not a correction, but the same value')
    assert.equal(after.channel, 'mfc')
    assert.equal(after.publishedChannel, 'online')
    assert.equal(after.publishedNameRu, 'Услуга permit')

    const shown = await client.get(page).header('host', portal.host)
    assert.include(shown.text(), 'data-corrected')
    assert.include(shown.text(), 'Выдача разрешения на строительство')
    assert.include(shown.text(), 'Исправлено администратором портала')

    // a citizen may not correct
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const refused = await postJson(client, portal.host, citizen, page, `/services/${service.id}/correction`, { nameRu: 'Взлом', nameEn: 'Hack', channel: 'mfc' })
    assert.include([403, 404], refused.status())

    // back to the body's own values: no correction any more
    const reset = await postJson(client, portal.host, session, page, `/services/${service.id}/correction`, { nameRu: 'Услуга permit', nameEn: 'Service permit', channel: 'online' })
    assert.deepInclude(reset.body(), { corrected: false, channel: 'online' })
    const plain = await client.get(page).header('host', portal.host).withCookie(SESSION_COOKIE, session)
    assert.notInclude(plain.text(), 'data-corrected')
  })

  test('`service_ratings:seal <month> --reason` publishes a new version with the public reason; without a reason a sealed month stays', async ({ assert }) => {
    const service = await portalService(portal, town, 'permit')
    await inTenant(portal.tenant, () =>
      ServiceRating.create({ serviceId: service.id, userId: portal.citizen.id, month: DateTime.fromISO('2025-05-01'), markTime: 4, markWaiting: 4, markStaff: 4, markPremises: 4, markInformation: 4, followUp: 'none' })
    )
    ace.ui.switchMode('raw')
    try {
      const first = await ace.create(ServiceRatingsSeal, ['2025-05', `--tenant=${portal.tenant.slug}`])
      await first.exec()
      first.assertSucceeded()
      first.assertLogMatches(/sealed/)
      const again = await ace.create(ServiceRatingsSeal, ['2025-05', `--tenant=${portal.tenant.slug}`])
      await again.exec()
      again.assertSucceeded()
      again.assertLogMatches(/already sealed; nothing changed/)
      const short = await ace.create(ServiceRatingsSeal, ['2025-05', '--reason=typo', `--tenant=${portal.tenant.slug}`])
      await short.exec()
      short.assertFailed()
      const corrected = await ace.create(ServiceRatingsSeal, ['2025-05', '--reason=A rating counted twice was removed', `--tenant=${portal.tenant.slug}`])
      await corrected.exec()
      corrected.assertSucceeded()
      corrected.assertLogMatches(/corrected as a new version/)
    } finally {
      ace.ui.switchMode('normal')
    }
    const snapshots = await inTenant(portal.tenant, () => tenantDb().from('service_rank_snapshots').where('month', '2025-05-01').orderBy('version'))
    assert.deepEqual(snapshots.map((row) => [row.version, row.reason]), [[1, null], [2, 'A rating counted twice was removed']])
    assert.equal(snapshots[0].ratings_sha256, snapshots[1].ratings_sha256)
  })
})
